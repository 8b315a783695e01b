"""How many kernels the class server may run, and the kernel manager that keeps to it.

Every open lesson page holds one Python kernel of about ``KERNEL_MIB``. Without a cap, a
script (or a class reloading in a loop) can start kernels until the machine runs out of
memory. :class:`CappedKernelManager` starts no kernel past ``max_kernels`` (by default as
many as fit in half of the machine's memory, ``MemTotal``) or when less than two kernels'
worth of memory is free (``MemAvailable``); the page then gets the calm "class server is
full" page (HTTP 503, ``503.html`` in our template). Pre-heated kernels count too.

:class:`ClassPlan` is the class mode of ``python -m mbc_edu serve --learners N --lesson L``:
lesson L pre-heated for N learners, checked against the cap and the free memory first.
"""
from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.session import Session
from jupyter_server._tz import utcnow
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from tornado.web import HTTPError
from traitlets import Dict, Integer, default

# Resident memory (RSS) of one lesson's kernel once it has run the lesson, the largest
# rounded up: measured 2026-11-25 on every lesson's pre-heated kernel (course settings,
# /proc/<pid>/status VmRSS once all pools were filled): 103-104 MiB, 06-The-numbers (plotly)
# 128 MiB; after a learner used the page (`make bench`, single-user kernel MiB) 105 / 130.
KERNEL_MIB = 130
MEMORY_SHARE = 0.5  # kernels may use at most this share of the machine's memory (MemTotal)


class CapacityError(ValueError):
    """The class does not fit on this machine; the message says why and what to do."""


class ServerFull(HTTPError):
    """No kernel can start now: the page answers 503 with our calm template."""

    def __init__(self, why: str):
        super().__init__(503, "%s", why, reason="Class server full")


def meminfo(path: str = "/proc/meminfo") -> dict[str, int]:
    """``MemTotal``, ``MemAvailable``, ... of this machine in MiB ({} where unreadable)."""
    try:
        with open(path) as f:
            return {k: int(v.split()[0]) // 1024 for k, v in (line.split(":", 1) for line in f)}
    except (OSError, ValueError):
        return {}


def default_max_kernels(total_mib: int | None = None) -> int:
    """Kernels that fit in ``MEMORY_SHARE`` of ``total_mib`` (this machine's MemTotal)."""
    if total_mib is None:
        total_mib = meminfo().get("MemTotal", 0)
    return max(int(total_mib * MEMORY_SHARE) // KERNEL_MIB, 1)


def gib(mib: float) -> str:
    return f"{mib / 1024:.1f} GB"


def lesson_notebook(folder: Path, number: int) -> str:
    """The notebook of lesson ``number`` in ``folder``: 3 -> ``03-Where-it-spreads.ipynb``."""
    found = sorted(p.name for p in folder.glob(f"{number:02d}-*.ipynb"))
    if len(found) != 1:
        lessons = sorted(int(p.name[:2]) for p in folder.glob("[0-9][0-9]-*.ipynb"))
        raise CapacityError(f"There is no lesson {number} in {folder} "
                            f"(lessons: {', '.join(map(str, lessons))}).")
    return found[0]


@dataclass(frozen=True)
class ClassPlan:
    """What the server keeps pre-heated, and what that costs.

    ``lesson``/``learners`` are None outside class mode: every lesson then has a pool of
    ``pool_size`` (the course settings' ``default_pool_size``).
    """

    notebooks: int  # lessons served
    pool_size: int  # pre-heated kernels of every other lesson
    max_kernels: int
    lesson: str | None = None
    learners: int = 0

    @property
    def ready(self) -> int:
        """Kernels kept pre-heated: ``learners`` for the lesson, ``pool_size`` for each other."""
        others = self.notebooks - (1 if self.lesson else 0)
        return self.learners + self.pool_size * others

    @property
    def kernels(self) -> int:
        """Kernels once the class has opened the lesson: the pools plus a page per learner."""
        return self.ready + self.learners

    def voila_args(self) -> list[str]:
        """Voila's command-line arguments for this plan."""
        args = [f"--CappedKernelManager.max_kernels={self.max_kernels}"]
        if self.lesson:
            args += ["--VoilaConfiguration.preheat_kernel=True",
                     f"--CappedKernelManager.pools={self.lesson}={self.learners}"]
        return args

    def describe(self) -> str:
        cap = f"at most {self.max_kernels} kernels at once ({gib(self.max_kernels * KERNEL_MIB)})"
        if not self.lesson:
            return f"Pre-heated: {self.ready} kernels; {cap}."
        return (f"Class mode: {self.lesson} pre-heated for {self.learners} learners. "
                f"That takes {self.kernels} kernels ({self.ready} kept ready + {self.learners} once "
                f"the class has opened it) x {KERNEL_MIB} MB = {gib(self.kernels * KERNEL_MIB)}; {cap}.")

    def learners_within(self, kernels: int) -> int:
        """Learners of the lesson that fit in ``kernels`` (each takes a pooled and a page kernel)."""
        return max((kernels - self.pool_size * (self.notebooks - 1)) // 2, 0)

    def check(self, available_mib: int | None) -> None:
        """Raise :class:`CapacityError` if the plan does not fit the cap or the free memory."""
        need = self.kernels if self.lesson else self.ready + 1  # at least one page besides the pools
        what = (f"{self.learners} learners on {self.lesson} need {need} kernels ({gib(need * KERNEL_MIB)})"
                if self.lesson else f"the pre-heated lessons need {need} kernels with one page open")
        if need > self.max_kernels:
            hint = (f" Plan for at most {self.learners_within(self.max_kernels)} learners, or raise"
                    if self.lesson else " Raise")
            raise CapacityError(
                f"Cannot start: {what}, but this server may run at most {self.max_kernels} "
                f"(about {KERNEL_MIB} MB each; by default kernels may use half of this computer's "
                f"memory).{hint} --max-kernels if the computer has the memory.")
        if available_mib is not None and need * KERNEL_MIB > available_mib:
            fit = available_mib // KERNEL_MIB
            hint = f" or plan for at most {self.learners_within(fit)} learners" if self.lesson else ""
            raise CapacityError(
                f"Cannot start: {what}, but this computer has only {gib(available_mib)} of memory "
                f"free now. Close other programs{hint}.")


def class_plan(folder: Path, settings: dict, learners: int | None = None, lesson: int | None = None,
               max_kernels: int | None = None) -> ClassPlan:
    """The plan for serving ``folder`` with the course ``settings`` (``voila.json``), in class
    mode when ``learners`` and ``lesson`` are given."""
    voila = settings.get("VoilaConfiguration", {})
    pool = int(voila.get("default_pool_size", 1)) if voila.get("preheat_kernel") or lesson else 0
    return ClassPlan(notebooks=len(list(folder.glob("*.ipynb"))), pool_size=pool,
                     max_kernels=max_kernels or default_max_kernels(),
                     lesson=lesson_notebook(folder, lesson) if lesson else None, learners=learners or 0)


async def kernel_info(kernel, timeout: float) -> dict:
    """The content of ``kernel``'s kernel_info reply, or ``{}`` if it gives none in ``timeout``
    seconds (Jupyter Server then assumes the current protocol, as after its own timeout)."""
    # A session of its own: a client on the kernel manager's session would share its socket
    # identity with Voila's, and the kernel would send one of them the other's replies.
    client = kernel.client(session=Session(key=kernel.session.key, signature_scheme=kernel.session.signature_scheme))
    try:
        client.start_channels(stdin=False, hb=False, control=False)
        # A request sent before the new kernel listens is lost: this one asks until it answers.
        await client.wait_for_ready(timeout=timeout)
        reply = await client.kernel_info(reply=True, timeout=timeout)
        content = reply["content"]
        return content if reply["msg_type"] == "kernel_info_reply" and "protocol_version" in content else {}
    except Exception:  # a kernel that died or never answered: the websocket copes with {}
        return {}
    finally:
        client.stop_channels()


class CappedKernelManager(AsyncMappingKernelManager):
    """Jupyter's kernel manager, refusing to start a kernel past ``max_kernels``.

    Voila builds its pre-heating ``VoilaKernelManager`` on top of this class
    (``VoilaConfiguration.multi_kernel_manager_class``), so pooled kernels pass through
    :meth:`start_kernel` too. Two fixes for pools under a cap, using Voila 0.5's ``_pools``
    (per notebook, a list of tasks that start and run a kernel):

    * a pool refill refused at the cap leaves a failed task (a learner who draws it gets the
      503 page); when a kernel ends, failed tasks are dropped and the pools refilled;
    * a pooled kernel is never culled while it waits in its pool; handed to a page, it has been
      idle since it was pre-heated: its idle clock restarts, so the culler gives the page the
      whole ``cull_idle_timeout`` to connect.
    """

    max_kernels = Integer(help="Most kernels running at once, pre-heated ones included "
                               "(default: as many as fit in half of MemTotal).").tag(config=True)

    pools = Dict(value_trait=Integer(), help="Pool sizes added to Voila's kernel_pools_config, "
                 "e.g. {'03-Where-it-spreads.ipynb': 30} (class mode).").tag(config=True)

    @default("max_kernels")
    def _default_max_kernels(self):
        return default_max_kernels()

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        if self.pools and hasattr(self, "kernel_pools_config"):  # Voila fills them after this
            self.kernel_pools_config = {**self.kernel_pools_config,
                                        **{name: {"pool_size": n} for name, n in self.pools.items()}}
        self._was_pooled: set[str] = set()
        self._stopping = False

    def running(self) -> int:
        """Kernels running or starting (a failed start no longer counts)."""
        starting = {k for k, task in self._pending_kernels.items() if not task.done()}
        return len(self._kernels.keys() | starting)

    def admit(self) -> None:
        """Raise :class:`ServerFull` if one more kernel does not fit."""
        running = self.running()
        if running >= self.max_kernels:
            raise ServerFull(f"{running} kernels running, the cap is {self.max_kernels}")
        free = meminfo().get("MemAvailable")
        if free is not None and free < 2 * KERNEL_MIB:
            raise ServerFull(f"only {free} MiB of memory free")

    async def start_kernel(self, *, kernel_id=None, **kwargs):
        # No await between admit() and the start registering the kernel as pending, so
        # requests arriving together cannot all pass the same check.
        if kernel_id is None or kernel_id not in self:
            self.admit()
        kernel_id = await super().start_kernel(kernel_id=kernel_id, **kwargs)
        self._ask_kernel_info(kernel_id)
        return kernel_id

    def _ask_kernel_info(self, kernel_id: str) -> None:
        """Ask a new kernel for its kernel_info now, in the background, so the page's
        websocket need not wait for it.

        Jupyter Server's websocket asks every kernel once, when its first page connects, and
        keeps the reply on the kernel's manager (``_kernel_info_future``, private, version 2);
        every later connection reuses it. A pooled kernel waits for its page, so asking then
        takes that round trip (3-10 ms) off the page's time to interactive. Should the name
        change in a later version, this only stops saving that time.
        """
        kernel = self.get_kernel(kernel_id)
        if not hasattr(kernel, "_kernel_info_future"):
            kernel._kernel_info_future = asyncio.ensure_future(kernel_info(kernel, self.kernel_info_timeout))

    async def shutdown_kernel(self, kernel_id, now=False, restart=False):
        await super().shutdown_kernel(kernel_id, now=now, restart=restart)
        self._close_buffer(kernel_id)
        if not restart and not self._stopping:
            self._refill_pools()

    def _close_buffer(self, kernel_id: str) -> None:
        """Close the channels a page's websocket left buffering while its kernel shut down.

        Jupyter Server clears a kernel's buffer (``_kernel_buffers``, private, version 2) as
        its shutdown starts. A page closes by sending Voila's unload beacon and closing its
        websocket at once: when the websocket's close comes second, during the shutdown, it
        starts a new buffer that nothing clears. That kept the page's 4 ZeroMQ sockets open
        for good: about 250 such closes filled the server's context (1,023 sockets).
        """
        buffer = getattr(self, "_kernel_buffers", {}).pop(kernel_id, None)
        for stream in (buffer or {}).get("channels", {}).values():
            if not stream.closed():
                stream.on_recv(None)
                stream.close()

    async def shutdown_all(self, now=False):
        self._stopping = True
        await super().shutdown_all(now=now)

    def _pools_now(self) -> dict:
        return getattr(self, "_pools", {})  # Voila's pools; none without preheat_kernel

    def _refill_pools(self) -> None:
        for name, pool in self._pools_now().items():
            for task in [t for t in pool if t.done() and (t.cancelled() or t.exception())]:
                pool.remove(task)
            self.fill_if_needed(notebook_name=name)

    def _pooled_ids(self) -> set[str]:
        return {task.result()["kernel_id"] for pool in self._pools_now().values() for task in pool
                if task.done() and not task.cancelled() and not task.exception()}

    async def cull_kernels(self):
        pooled = self._pooled_ids()
        for kernel_id in self._was_pooled - pooled:  # handed to a page since the last pass
            if kernel_id in self._kernels:
                self._kernels[kernel_id].last_activity = utcnow()
        self._was_pooled = pooled
        await super().cull_kernels()

    async def cull_kernel_if_idle(self, kernel_id):
        # A pre-heated kernel waits, idle and unconnected, for its page: culling it would leave
        # the pool holding a kernel that no longer exists, and the page that draws it broken.
        if kernel_id not in self._was_pooled:
            await super().cull_kernel_if_idle(kernel_id)
