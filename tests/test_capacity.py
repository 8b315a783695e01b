"""The kernel cap's arithmetic, class mode's refusals, and the kernel manager's bookkeeping."""
import asyncio
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from jupyter_client.session import Session
from jupyter_server._tz import utcnow

from mbc_edu import serve
from mbc_edu.capacity import (KERNEL_MIB, CapacityError, CappedKernelManager, ClassPlan, ServerFull,
                              class_plan, default_max_kernels, kernel_info, lesson_notebook, meminfo)

SETTINGS = {"VoilaConfiguration": {"preheat_kernel": True, "default_pool_size": 1}}


@pytest.fixture
def lessons(tmp_path) -> Path:
    for name in ("01-Start-here", "02-What-is-MBC", "03-Where-it-spreads", "04-Symptoms"):
        (tmp_path / f"{name}.ipynb").write_text("{}")
    return tmp_path


def test_default_cap_is_half_the_memory_in_kernels():
    assert default_max_kernels(24 * 1024) == 12 * 1024 // KERNEL_MIB
    assert default_max_kernels(100) == 1  # never 0: a tiny machine still serves one page
    assert meminfo()["MemTotal"] >= meminfo()["MemAvailable"] > 0


def test_lesson_by_number(lessons):
    assert lesson_notebook(lessons, 3) == "03-Where-it-spreads.ipynb"
    with pytest.raises(CapacityError, match=r"no lesson 12 .*lessons: 1, 2, 3, 4"):
        lesson_notebook(lessons, 12)


def test_class_plan_pools_and_kernels(lessons):
    plan = class_plan(lessons, SETTINGS, learners=30, lesson=3, max_kernels=100)
    assert plan.voila_args()[-1] == "--CappedKernelManager.pools=03-Where-it-spreads.ipynb=30"
    assert plan.ready == 30 + 3  # the lesson's pool + one for each other lesson
    assert plan.kernels == 33 + 30  # + a page per learner once the class has opened it
    assert f"{63 * KERNEL_MIB / 1024:.1f} GB" in plan.describe()
    assert "--CappedKernelManager.max_kernels=100" in plan.voila_args()
    plan.check(available_mib=63 * KERNEL_MIB)  # fits exactly

    plain = class_plan(lessons, SETTINGS, max_kernels=5)
    assert plain.ready == 4
    assert plain.voila_args() == ["--CappedKernelManager.max_kernels=5"]
    plain.check(available_mib=None)


def test_class_plan_refuses_a_pool_past_the_cap(lessons):
    plan = class_plan(lessons, SETTINGS, learners=30, lesson=3, max_kernels=40)
    with pytest.raises(CapacityError) as err:
        plan.check(available_mib=10**6)
    message = str(err.value)
    assert "30 learners on 03-Where-it-spreads.ipynb need 63 kernels" in message
    assert "at most 40" in message and "at most 18 learners" in message  # (40 - 3) // 2
    assert ClassPlan(notebooks=4, pool_size=1, max_kernels=4).ready == 4
    with pytest.raises(CapacityError, match="pre-heated lessons need 5 kernels with one page open"):
        ClassPlan(notebooks=4, pool_size=1, max_kernels=4).check(None)


def test_class_plan_refuses_when_memory_is_short(lessons):
    plan = class_plan(lessons, SETTINGS, learners=30, lesson=3, max_kernels=100)
    with pytest.raises(CapacityError) as err:
        plan.check(available_mib=20 * KERNEL_MIB)
    assert "only" in str(err.value) and "free now" in str(err.value)
    assert "at most 8 learners" in str(err.value)  # (20 - 3) // 2


def test_serve_refuses_a_class_that_does_not_fit(lessons, monkeypatch, capsys):
    monkeypatch.setenv("MBC_EDU_NOTEBOOKS", str(lessons))
    assert serve.main(["--learners", "30", "--lesson", "3", "--max-kernels", "10"]) == 2
    assert "Cannot start: 30 learners" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        serve.main(["--learners", "30"])  # class mode needs the lesson too


def _manager(cap: int) -> CappedKernelManager:
    return CappedKernelManager(max_kernels=cap)


def test_admit_counts_running_and_starting_kernels():
    km = _manager(3)
    km._kernels = {"a": object()}
    starting, failed = Future(), Future()  # stand for the kernels' start tasks
    failed.set_result(None)
    km._pending_kernels = {"b": starting, "c": failed}  # a failed start ("c") is done
    assert km.running() == 2
    km.admit()
    km._kernels["d"] = object()
    with pytest.raises(ServerFull) as err:
        km.admit()
    assert err.value.status_code == 503
    assert "3 kernels running, the cap is 3" in err.value.log_message % err.value.args


def test_a_pooled_kernel_handed_to_a_page_restarts_its_idle_clock():
    async def never_cull(kernel_id):  # the culler itself is not under test
        return None

    async def scenario():
        km = _manager(5)
        long_ago = utcnow() - timedelta(hours=1)
        kernel = SimpleNamespace(last_activity=long_ago)
        km._kernels = {"k": kernel}
        pooled = asyncio.get_running_loop().create_future()
        pooled.set_result({"kernel_id": "k"})
        km._pools = {"nb.ipynb": [pooled]}
        km.cull_kernel_if_idle = never_cull
        await km.cull_kernels()
        assert kernel.last_activity == long_ago  # still pooled: Voila keeps it
        km._pools["nb.ipynb"].clear()  # a page took it
        await km.cull_kernels()
        assert utcnow() - kernel.last_activity < timedelta(seconds=5)

    with ThreadPoolExecutor(1) as thread:  # its own event loop, whatever else this process runs
        thread.submit(asyncio.run, scenario()).result()


def test_a_pooled_kernel_is_never_culled_while_it_waits_for_its_page():
    async def scenario():
        km = CappedKernelManager(max_kernels=5, cull_idle_timeout=60)
        culled = []

        async def shutdown_kernel(kernel_id, now=False, restart=False):
            culled.append(kernel_id)

        km.shutdown_kernel = shutdown_kernel
        long_ago = utcnow() - timedelta(hours=1)
        km._kernels = {k: SimpleNamespace(last_activity=long_ago, execution_state="idle", kernel_name="python3",
                                          kernel_spec=SimpleNamespace(metadata={})) for k in ("pooled", "gone")}
        pooled = asyncio.get_running_loop().create_future()
        pooled.set_result({"kernel_id": "pooled"})
        km._pools = {"nb.ipynb": [pooled]}
        await km.cull_kernels()
        assert culled == ["gone"]  # an idle page kernel with no browser goes; the pooled one stays

    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, scenario()).result()


def test_class_pool_from_the_command_line_joins_voilas_pools(lessons):
    from traitlets import Dict
    from traitlets.config import Application

    class Pooled(CappedKernelManager):  # stands for Voila's VoilaKernelManager, built on ours
        kernel_pools_config = Dict({"default": {"pool_size": 1}}, config=True)

    plan = class_plan(lessons, SETTINGS, learners=30, lesson=3, max_kernels=100)
    app = Application()
    app.parse_command_line(plan.voila_args())
    km = Pooled(config=app.config)
    assert km.max_kernels == 100
    assert km.kernel_pools_config == {"default": {"pool_size": 1}, "03-Where-it-spreads.ipynb": {"pool_size": 30}}


def test_a_new_kernel_answers_kernel_info_before_any_page_connects():
    """While Voila's own client runs the lesson in the new kernel, as it does for a pool."""
    async def scenario():
        km = CappedKernelManager(max_kernels=2)
        kernel_id = await km.start_kernel(kernel_name="python3")
        kernel = km.get_kernel(kernel_id)
        voila = kernel.client()  # on the kernel manager's own session, like Voila's
        voila.start_channels()
        try:
            await voila.wait_for_ready(timeout=60)
            ran = await voila.execute("import time; time.sleep(0.5)", reply=True, timeout=60)
            info = await asyncio.wait_for(kernel._kernel_info_future, 60)
            assert ran["content"]["status"] == "ok"  # its replies still reach it
            assert info["status"] == "ok" and info["protocol_version"].startswith("5.")
            assert info["language_info"]["name"] == "python"
        finally:
            voila.stop_channels()
            await km.shutdown_kernel(kernel_id, now=True)

    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, scenario()).result()


def test_a_page_that_closes_while_its_kernel_shuts_down_leaves_no_sockets_open():
    """A closing page sends Voila's unload beacon and closes its websocket at once. When the
    websocket's close comes second, it starts buffering the page's 4 channels after the
    shutdown has cleared the kernel's buffer: they are closed once the kernel has ended."""
    async def scenario():
        km = CappedKernelManager(max_kernels=1)
        kernel_id = await km.start_kernel(kernel_name="python3")
        await asyncio.wait_for(km.get_kernel(kernel_id)._kernel_info_future, 60)
        channels = {name: getattr(km, f"connect_{name}")(kernel_id) for name in ("iopub", "shell", "control", "stdin")}
        clear_buffer = km.stop_buffering

        def websocket_closes_now(kid):  # the shutdown has just cleared the buffer ...
            km.stop_buffering = clear_buffer
            clear_buffer(kid)
            km.start_buffering(kid, "page-session", channels)  # ... and the page's websocket closes

        km.stop_buffering = websocket_closes_now
        await km.shutdown_kernel(kernel_id, now=True)
        assert km.stop_buffering is clear_buffer  # the websocket did close mid-shutdown
        assert kernel_id not in km
        assert [name for name, stream in channels.items() if not stream.closed()] == []
        assert kernel_id not in km._kernel_buffers

    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, scenario()).result()


def test_kernel_info_from_a_kernel_that_never_answers_is_empty():
    async def no_reply(timeout, reply=None):  # what jupyter_client does when no reply comes
        await asyncio.sleep(timeout)
        raise TimeoutError("Timeout waiting for reply")

    class Silent:  # the manager of a kernel that is gone
        session = Session()

        def client(self, session):
            return SimpleNamespace(start_channels=lambda **kw: None, stop_channels=lambda: None,
                                   wait_for_ready=no_reply, kernel_info=no_reply)

    async def scenario():
        assert await kernel_info(Silent(), timeout=0.1) == {}

    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, scenario()).result()
