"""The cache of structured bundled models: keyed by the file's bytes, never trusted when it does not hold a model."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

from kommunemodel.io import cache
from kommunemodel.io.load import loads_model
from kommunemodel.model import SteeringModel

DATA = files("kommunemodel_ishoej").joinpath("model.toml").read_bytes()


def _load() -> SteeringModel:
    return loads_model(DATA, "ishoej/model.toml")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("KOMMUNEMODEL_NO_CACHE", raising=False)
    monkeypatch.setenv("KOMMUNEMODEL_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_model_is_stored_once_and_read_back_equal(folder: Path) -> None:
    first = cache.cached_model(DATA, _load)
    stored = list(folder.glob("*.pickle"))
    assert len(stored) == 1 and not list(folder.glob("*.tmp"))
    again = cache.cached_model(DATA, lambda: pytest.fail("loaded although cached"))
    assert again == first and again is not first


def test_other_bytes_have_another_key(folder: Path) -> None:
    cache.cached_model(DATA, _load)
    cache.cached_model(DATA + b"\n", lambda: loads_model(DATA + b"\n", "ishoej/model.toml"))
    assert len(list(folder.glob("*.pickle"))) == 2


def test_a_damaged_or_foreign_file_is_ignored_and_rewritten(folder: Path) -> None:
    cache.cached_model(DATA, _load)
    (stored,) = folder.glob("*.pickle")
    for junk in (b"not a pickle", b"\x80\x05\x95\x05\x00\x00\x00\x00\x00\x00\x00K\x01."):  # garbage; the int 1
        stored.write_bytes(junk)
        assert cache.cached_model(DATA, _load) == _load()
        assert stored.read_bytes() != junk


def test_turned_off_it_writes_nothing(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KOMMUNEMODEL_NO_CACHE", "1")
    assert cache.cache_dir() is None
    assert cache.cached_model(DATA, _load) == _load()
    assert not folder.exists()


def test_a_folder_that_cannot_be_written_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.delenv("KOMMUNEMODEL_NO_CACHE", raising=False)
    monkeypatch.setenv("KOMMUNEMODEL_CACHE_DIR", str(blocker / "cache"))
    assert cache.cached_model(DATA, _load) == _load()
