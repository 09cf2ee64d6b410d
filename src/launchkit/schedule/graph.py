"""The order in which tasks can be dated, and the cycle that prevents one.

Kahn's algorithm with a heap keyed on file position: O((n + e) log n), and among tasks that are
free at the same time the one written first comes first, so the order is stable.
"""

from __future__ import annotations

import heapq

from launchkit.diagnostics import LaunchkitError
from launchkit.load import LoadedPlaybook


def dependency_order(loaded: LoadedPlaybook) -> list[int]:
    """Indices of the playbook's tasks, each after every task it waits for.

    Raises LaunchkitError (`cycle`) naming the whole cycle when tasks wait for each other.
    """
    tasks = loaded.playbook.tasks
    index = {t.id: i for i, t in enumerate(tasks)}
    # dict.fromkeys drops a predecessor listed twice, keeping the written order.
    preds = [list(dict.fromkeys(index[p] for p in t.after if p in index)) for t in tasks]
    succs: list[list[int]] = [[] for _ in tasks]
    indegree = [len(p) for p in preds]
    for i, ps in enumerate(preds):
        for p in ps:
            succs[p].append(i)
    ready = [i for i, d in enumerate(indegree) if d == 0]
    heapq.heapify(ready)
    order: list[int] = []
    while ready:
        i = heapq.heappop(ready)
        order.append(i)
        for s in succs[i]:
            indegree[s] -= 1
            if indegree[s] == 0:
                heapq.heappush(ready, s)
    if len(order) < len(tasks):
        raise _cycle_error(loaded, preds, {i for i, d in enumerate(indegree) if d > 0})
    return order


def _cycle_error(loaded: LoadedPlaybook, preds: list[list[int]], stuck: set[int]) -> LaunchkitError:
    """The first cycle among the tasks Kahn's algorithm could not order, as one diagnostic.

    Every stuck task waits for another stuck task, so walking back through predecessors from
    any of them must come round to a task already seen: that loop is a cycle.
    """
    tasks = loaded.playbook.tasks
    seen: dict[int, int] = {}
    path: list[int] = []
    node = min(stuck)
    while node not in seen:
        seen[node] = len(path)
        path.append(node)
        node = next(p for p in preds[node] if p in stuck)
    # `path` runs from a task to what it waits for; reversed it runs in the order work flows.
    flow = path[seen[node] :][::-1]
    # The task written last closes the cycle: name the cycle so it ends there, at its `after`.
    closer = max(flow)
    at = flow.index(closer)
    flow = flow[at + 1 :] + flow[: at + 1]
    names = [tasks[i].id for i in flow]
    names.append(names[0])
    waits_for = flow[-2] if len(flow) > 1 else closer
    entry = tasks[closer].after.index(tasks[waits_for].id)
    diagnostic = loaded.error(
        ("tasks", closer, "after", entry),
        "after-cycle",
        "tasks wait for each other in a cycle: " + " -> ".join(names),
    )
    return LaunchkitError([diagnostic])
