/* mbc-edu: Voila draws each widget as soon as its model arrives from the kernel.

   When a Voila page starts, it asks the widget manager for every widget's model at once,
   before the kernel has sent any. For a model it does not hold yet, ipywidgets' get_model
   looks again every 100 ms (for up to 2 s), so each lesson stood blank for up to 100 ms
   (about 55 ms on average) after its models had arrived. This plugin makes get_model
   answer when the model is registered (VoilaWidgetManager.modelRegistered); a model that
   never comes still gets ipywidgets' own answer, after the same 2 s.

   It also fetches the widgets' own code (@jupyter-widgets/controls: 2 files, 150 kB, 36 kB
   gzipped) while the page connects to its kernel. ipywidgets asks for that code only when
   the kernel's first model arrives, so every widget page fetched and ran it (about 20 ms)
   after the kernel had answered. A page with no widget outputs does not fetch it.

   It is a JupyterLab plugin in a hand-written module container (window._JUPYTERLAB[name],
   the form Voila loads federated extensions in), so it needs no build step. Voila finds it
   in share/jupyter/voila/labextensions on JUPYTER_PATH; JupyterLab does not load it. */
(function () {
  const NAME = "@mbc-edu/widgets-on-arrival";
  const WAIT_MS = 2000; // ipywidgets' own wait before "widget model not found"

  function answerOnArrival(manager) {
    const registered = manager.modelRegistered;
    if (!registered || typeof manager.has_model !== "function") return; // another manager: leave it
    const getModel = manager.get_model.bind(manager); // ipywidgets' own (polls, then fails)
    manager.get_model = (id) => {
      if (manager.has_model(id)) return getModel(id);
      return new Promise((resolve) => {
        const timer = setTimeout(done, WAIT_MS);
        function arrived(sender, modelId) {
          if (modelId === id) done();
        }
        function done() {
          clearTimeout(timer);
          registered.disconnect(arrived);
          resolve(getModel(id));
        }
        registered.connect(arrived);
      });
    };
  }

  const CONTROLS = "@jupyter-widgets/controls";
  const WIDGET_MIME = "application/vnd.jupyter.widget-view+json";

  function hasWidgets() {
    const outputs = document.querySelectorAll('script[type="application/vnd.voila.cell-output+json"]');
    return [...outputs].some((output) => output.textContent.includes(WIDGET_MIME));
  }

  // jupyterlab-manager registers the controls module once the manager exists (its plugin
  // awaits the same promise, after this one): start loading it the moment it is registered.
  function loadControlsEarly(manager) {
    if (typeof manager.register !== "function" || typeof manager.loadClass !== "function") return;
    const register = manager.register.bind(manager);
    manager.register = (data) => {
      register(data);
      if (data.name !== CONTROLS) return;
      manager.register = register;
      manager.loadClass("HTMLModel", data.name, data.version).catch(() => {}); // the usual path says why
    };
  }

  const plugin = {
    id: NAME + ":plugin",
    description: "Draw each widget as soon as its model arrives; fetch the widgets' code early.",
    autoStart: true,
    activate(app) {
      // Resolved during start-up, before the page's outputs are drawn (Voila's app only).
      if (!app.widgetManagerPromise) return;
      const early = hasWidgets();
      app.widgetManagerPromise.promise.then((manager) => {
        answerOnArrival(manager);
        if (early) loadControlsEarly(manager);
      });
    },
  };

  window._JUPYTERLAB = window._JUPYTERLAB || {};
  window._JUPYTERLAB[NAME] = {
    init() {},
    get(module) {
      if (module !== "./extension") return Promise.reject(new Error(NAME + " has no module " + module));
      return Promise.resolve(() => ({ __esModule: true, default: plugin }));
    },
  };
})();
