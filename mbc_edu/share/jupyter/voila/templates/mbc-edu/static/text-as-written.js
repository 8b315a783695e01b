/* mbc-edu shows every text as it is written: no lesson holds mathematics, and a "$" in a
   table cell (two prices, say) must not turn the words between them into a formula.
   Voila's page typesets markdown, HTML and widget labels through JupyterLab's MathJax 2
   plugin when the page names a MathJax 2 script (else it loads its own MathJax 3, about
   900 KB, on every page). The course template names this script: it answers the calls
   that plugin makes (Hub.Config, Register.StartupHook, Configured, Queue) and changes
   nothing on the page; as Queue runs nothing, no other part of MathJax is ever reached. */
window.MathJax = {
  Hub: {
    Config() {},
    Configured() {},
    Queue() {},
    Register: { StartupHook() {} },
  },
};
