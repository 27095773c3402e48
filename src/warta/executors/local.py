"""Local executor: the pipeline in this process or in a pool of forked workers, results in input order.

Failure handling (the same in one process and with workers):

* an article over the time limit (``timeout`` seconds, 0 = off) is stopped and reported as a
  :class:`~warta.read.Skip` ("over the time limit"); the run goes on;
* an article whose processing raises is reported with the exception and the run goes on;
* a worker that dies (killed, out of memory) is detected: the article it was working on is
  reported lost, a new worker is started and the articles queued on the dead one are re-sent;
* a worker stuck where the in-process alarm cannot reach it (inside a C call) is killed once the
  hard limit passes, and replaced; closing the iterator (or Ctrl-C) terminates every worker.

The pipeline is built before forking (the gazetteers are shared copy-on-write) and each worker
sends back only what ``result(doc)`` returns — a record dict for the command line — so the output
of N workers is byte-identical to one process.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection, wait
from typing import Any

from warta.document import Document
from warta.read import Skip

OVER_TIME = "over the time limit"
IN_FLIGHT = 2  # articles queued per worker: one working, one waiting in its pipe
HARD_GRACE = 2.0  # seconds past the limit before a worker that did not stop by itself is killed


class ArticleTimeout(BaseException):
    """Raised inside the pipeline when an article runs over its time limit.

    A BaseException, so that steps which catch ``Exception`` to isolate their own failures
    do not swallow it.
    """


_END = object()  # the background iterator's last item


def ahead(items: Iterable[Any], size: int) -> Iterator[Any]:
    """The items of ``items``, produced in a thread of their own up to ``size`` ahead of the consumer.

    For a worker pool whose consumer does slow work of its own between items (the store writing a
    batch): the thread keeps feeding the workers and collecting their results meanwhile, instead of
    the pool standing idle until the consumer asks for the next item. Order, items and errors are
    those of ``items``; closing this iterator (or an exception in the consumer) closes ``items`` in its
    thread (so a pool stops its workers).
    """
    q: queue.Queue[tuple[Any, BaseException | None]] = queue.Queue(max(1, size))
    stop = threading.Event()

    def produce() -> None:
        it = iter(items)
        try:
            for x in it:
                q.put((x, None))
                if stop.is_set():
                    break
            q.put((_END, None))
        except BaseException as e:  # noqa: BLE001 - handed to the consumer, raised there
            q.put((_END, e))
        finally:
            close = getattr(it, "close", None)
            if close is not None:
                close()

    t = threading.Thread(target=produce, name="warta-ahead", daemon=True)
    t.start()
    try:
        while True:
            x, err = q.get()
            if x is _END:
                if err is not None:
                    raise err
                return
            yield x
    finally:
        stop.set()
        while t.is_alive():  # unblock a producer waiting on a full queue, until it has closed its source
            try:
                q.get(timeout=0.05)
            except queue.Empty:
                pass
        t.join()


Runner = Callable[[Document], Document]
Result = Callable[[Document], Any]


def _identity(doc: Document) -> Any:
    return doc


def _on_alarm(signum: int, frame: Any) -> None:
    raise ArticleTimeout()


def process_one(run: Runner, doc: Document, timeout: float) -> Document:
    """``run(doc)`` under a time limit (SIGALRM; only in the main thread — elsewhere the limit is off)."""
    if timeout <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        return run(doc)
    old = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        return run(doc)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _origin(doc: Document) -> str:
    return doc.origin or doc.id


def _failure(doc: Document, e: BaseException) -> Skip:
    return Skip(_origin(doc), f"processing failed ({e.__class__.__name__}: {e})")


def run_local(docs: Iterable[Document], *, run: Runner, timeout: float = 0,
              result: Result = _identity) -> Iterator[tuple[Document, Any]]:
    """One process: ``(input document, result(processed) or Skip)`` for every document, in order."""
    for doc in docs:
        try:
            out = result(process_one(run, doc, timeout))
        except ArticleTimeout:
            out = Skip(_origin(doc), OVER_TIME)
        except Exception as e:  # noqa: BLE001 - one bad article never stops the run
            out = _failure(doc, e)
        yield doc, out


def _worker(conn: Connection, run: Runner, timeout: float, result: Result) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and ends the workers
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        seq, doc = msg
        try:
            out: tuple[str, Any] = ("ok", result(process_one(run, doc, timeout)))
        except ArticleTimeout:
            out = ("timeout", None)
        except Exception as e:  # noqa: BLE001
            out = ("error", f"{e.__class__.__name__}: {e}")
        try:
            conn.send((seq, *out))
        except Exception as e:  # noqa: BLE001 - an unpicklable result is this article's failure
            conn.send((seq, "error", f"result not sendable ({e.__class__.__name__}: {e})"))


class _Worker:
    def __init__(self, ctx: Any, run: Runner, timeout: float, result: Result) -> None:
        self.conn, child = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(target=_worker, args=(child, run, timeout, result), daemon=True)
        self.proc.start()
        child.close()
        self.queue: deque[int] = deque()  # seqs sent, oldest (the one being worked on) first
        self.head_since = time.monotonic()

    def send(self, seq: int, doc: Document) -> None:
        if not self.queue:
            self.head_since = time.monotonic()
        self.queue.append(seq)
        try:
            self.conn.send((seq, doc))
        except OSError:  # the worker has just died: its sentinel is ready, and replace() re-sends the queue
            pass

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.proc.join(1)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(5)
        self.conn.close()


def _death(proc: Any) -> str:
    code = proc.exitcode
    if code is not None and code < 0:
        try:
            return f"signal {signal.Signals(-code).name}"
        except ValueError:
            return f"signal {-code}"
    return f"exit status {code}"


def run_pool(
    docs: Iterable[Document],
    *,
    workers: int,
    run: Runner | None = None,
    timeout: float = 0,
    result: Result = _identity,
    on_event: Callable[[str], None] | None = None,
) -> Iterator[tuple[Document, Any]]:
    """``(input document, result(processed) or Skip)`` for every document, in input order.

    ``run`` defaults to the process-wide default pipeline, built here before the workers fork.
    ``on_event`` hears about dead and replaced workers (one line each).
    """
    if run is None:
        from warta.pipeline import default_pipeline

        run = default_pipeline()
    if "fork" not in mp.get_all_start_methods():  # no fork: the pipeline runs here
        yield from run_local(docs, run=run, timeout=timeout, result=result)
        return
    ctx = mp.get_context("fork")
    hard = timeout + max(HARD_GRACE, timeout / 2) if timeout > 0 else 0.0
    pool = [_Worker(ctx, run, timeout, result) for _ in range(max(1, workers))]
    pending: dict[int, Document] = {}  # sent and not answered
    done: dict[int, Any] = {}  # answered, waiting for their turn
    source = iter(docs)
    exhausted = False
    next_in = next_out = 0

    def replace(w: _Worker, lost: str) -> None:
        """Kill ``w``, report its current article as ``lost``, re-send the rest of its queue to a new worker."""
        queue = list(w.queue)
        w.kill()
        fresh = _Worker(ctx, run, timeout, result)
        pool[pool.index(w)] = fresh
        if queue:
            head = queue.pop(0)
            doc = pending.pop(head)
            done[head] = (doc, Skip(_origin(doc), lost))
        for seq in queue:
            fresh.send(seq, pending[seq])

    try:
        while True:
            # keep every worker busy, reading the input lazily
            while not exhausted:
                w = min(pool, key=lambda w: len(w.queue))
                if len(w.queue) >= IN_FLIGHT:
                    break
                try:
                    doc = next(source)
                except StopIteration:
                    exhausted = True
                    break
                pending[next_in] = doc
                w.send(next_in, doc)
                next_in += 1
            while next_out in done:
                doc_out = done.pop(next_out)
                yield doc_out[0], doc_out[1]
                next_out += 1
            if exhausted and not pending and not done:
                return
            if not pending:
                continue
            wait_for = None
            if hard:
                now = time.monotonic()
                wait_for = max(0.0, min(w.head_since + hard - now for w in pool if w.queue))
            by_handle: dict[Any, _Worker] = {}
            for w in pool:
                by_handle[w.conn] = w
                by_handle[w.proc.sentinel] = w
            ready = wait(list(by_handle), timeout=wait_for)
            handled: set[int] = set()
            for h in ready:
                w = by_handle[h]
                if id(w) in handled:
                    continue
                while w.conn.poll():
                    try:
                        seq, status, payload = w.conn.recv()
                    except (EOFError, OSError):
                        break
                    doc = pending.pop(seq)
                    w.queue.popleft()
                    w.head_since = time.monotonic()
                    if status == "ok":
                        done[seq] = (doc, payload)
                    elif status == "timeout":
                        done[seq] = (doc, Skip(_origin(doc), OVER_TIME))
                    else:
                        done[seq] = (doc, Skip(_origin(doc), f"processing failed ({payload})"))
                if not w.proc.is_alive():
                    handled.add(id(w))
                    why = _death(w.proc)
                    replace(w, f"lost: its worker died ({why})")
                    if on_event is not None:
                        on_event(f"a worker died ({why}); a new one was started")
            if hard:
                now = time.monotonic()
                for w in list(pool):
                    if w.queue and now - w.head_since > hard:
                        doc = pending[w.queue[0]]
                        replace(w, OVER_TIME)
                        if on_event is not None:
                            on_event(f"a worker stuck on {_origin(doc)} was replaced")
    finally:
        for w in pool:
            if w.proc.is_alive() and not pending:
                w.stop()
            else:
                w.kill()
