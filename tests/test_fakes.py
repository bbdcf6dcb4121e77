"""The FA-KES benchmark on a 60-row subset: output format, numbers in range, folds grouped by incident."""

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from civcas import fakes
from civcas.cli import app
from civcas.store import Store

FAKES = Path(__file__).resolve().parents[2] / "shared" / "data" / "FA-KES-Dataset.csv"
pytestmark = pytest.mark.skipif(not FAKES.exists(), reason="../shared/data/FA-KES-Dataset.csv not present")


@pytest.fixture(scope="module")
def samples(tmp_path_factory) -> list[fakes.Sample]:
    tmp = tmp_path_factory.mktemp("fakes")
    with Store(str(tmp / "f.db")) as store:
        return fakes.build_samples(fakes.subset_csv(FAKES, 60, tmp / "sub.csv"), store)


def test_samples_have_labels_groups_and_blind_features_without_outlets(samples) -> None:
    assert len(samples) == 60
    assert {s.label for s in samples} == {0, 1}
    assert all(any(k.startswith("outlet=") for k in s.features) for s in samples)
    assert not any(k.startswith(("outlet=", "camp=")) for s in samples for k in s.blind_features)


def test_folds_never_split_an_incident(samples) -> None:
    for train, test in fakes.folds(samples, 3):
        assert not {samples[i].group for i in train} & {samples[i].group for i in test}


def test_eval_command_prints_the_three_models_and_a_result_line() -> None:
    result = CliRunner().invoke(
        app, ["eval", "credibility", "--fakes", str(FAKES), "--limit", "60", "--folds", "3"]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert "60 articles" in lines[0] and "3 folds grouped by incident" in lines[0]
    for name in ("(a) TF-IDF + LR on text", "(b) civcas + outlet", "(c) civcas outlet-blind"):
        row = next(line for line in lines if name in line)
        numbers = [float(x) for x in re.findall(r"\d\.\d{3}", row)]
        assert len(numbers) == 3 and all(0.0 <= x <= 1.0 for x in numbers)
    assert "top features (outlet-blind" in result.output
    match = re.fullmatch(r"RESULT baseline_macro_f1=(\S+) macro_f1=(\S+) blind_macro_f1=(\S+)", lines[-1])
    assert match and all(0.0 <= float(x) <= 1.0 for x in match.groups())
