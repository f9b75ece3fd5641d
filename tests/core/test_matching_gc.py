"""Concurrent matches (one per programme, in the scheduler's threads) leave the
cyclic garbage collector as they found it."""

import gc
import threading

from bot.core.matching import Candidate, MatchConfig, match


def test_concurrent_matches_restore_the_garbage_collector():
    people = [Candidate(str(i), f"P{i}", "Nurse" if i % 2 else "Manager") for i in range(400)]
    assert gc.isenabled()
    threads = [threading.Thread(target=match, args=(people, [], MatchConfig(seed=s)))
               for s in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert gc.isenabled()
