"""`loadstories --jobs N`: extraction in N processes, one writer, the same output as one process."""

import multiprocessing

import pytest

from bench.generate_stories import write
from profiles.extraction.reader import read_stories
from profiles.jobs.parallel import MIN_STORIES_PER_PROCESS, ExtractionPool

STORIES = 2 * MIN_STORIES_PER_PROCESS + 7  # two processes' worth, slices of unequal length


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write(STORIES, tmp_path_factory.mktemp("corpus") / "corpus.jsonl")


@pytest.mark.django_db
def test_the_dry_run_of_two_processes_is_the_dry_run_of_one(command, corpus):
    outputs = []
    for jobs in ("1", "2"):
        out, err, status = command("loadstories", str(corpus), "--dry-run", "--format", "json", "--jobs", jobs)
        assert status == 0, err
        outputs.append(out)

    assert outputs[0] == outputs[1]
    assert len(outputs[0].splitlines()) == STORIES


def test_a_batch_big_enough_is_shared_by_worker_processes(corpus):
    texts = list(read_stories([str(corpus)]))
    pool = ExtractionPool(2)
    try:
        records = pool.extract(texts)
        assert len(multiprocessing.active_children()) == 2
    finally:
        pool.close()
    assert [record["source"] for record, error in records] == [story.source for story in texts]


def test_a_few_stories_start_no_process(corpus):
    texts = list(read_stories([str(corpus)]))[: MIN_STORIES_PER_PROCESS + 1]
    pool = ExtractionPool(8)
    pool.extract(texts)
    assert multiprocessing.active_children() == []


@pytest.mark.django_db
def test_jobs_must_be_positive(command, corpus):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="--jobs must be positive"):
        command("loadstories", str(corpus), "--dry-run", "--jobs", "0")
