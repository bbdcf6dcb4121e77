"""The scripts under tools/ that the Makefile and the docs rely on."""

import os
import subprocess
import sys
from pathlib import Path

VENV_PYTHON = Path(__file__).resolve().parent.parent / "tools" / "venv_python"


def venv_python(candidates: str | None = None, **env: str) -> str:
    environment = {**os.environ, **env}
    if candidates is not None:
        environment["VENV_PYTHON_CANDIDATES"] = candidates
    result = subprocess.run([str(VENV_PYTHON)], capture_output=True, text=True, env=environment, check=True)
    return result.stdout.strip()


def test_the_chosen_interpreter_can_build_the_virtual_environment():
    chosen = venv_python()
    check = "import ensurepip, sys, venv; print(sys.version_info >= (3, 11))"
    assert (
        subprocess.run([chosen, "-c", check], capture_output=True, text=True, check=True).stdout == "True\n"
    )


def test_a_candidate_that_is_missing_or_cannot_build_one_is_passed_over(tmp_path):
    too_old = tmp_path / "python3.9"
    too_old.write_text("#!/bin/sh\nexit 1\n")  # fails the check as an old or venv-less Python does
    too_old.chmod(0o755)
    candidates = f"{tmp_path / 'absent'} {too_old} {sys.executable}"
    assert venv_python(candidates) == sys.executable


def test_without_headers_only_a_pure_python_install_takes_the_interpreter(tmp_path):
    no_headers = tmp_path / "python3"
    # A wrapper whose include directory has no Python.h.
    no_headers.write_text(
        "#!/bin/sh\n"
        f"exec {sys.executable} -c 'import sys, sysconfig; paths = sysconfig.get_paths; "
        f'sysconfig.get_paths = lambda *a, **k: {{**paths(*a, **k), "include": "{tmp_path}"}}; '
        "exec(sys.stdin.read())'\n"
    )
    no_headers.chmod(0o755)
    assert venv_python(f"{no_headers}") == "python3"
    assert venv_python(f"{no_headers}", CIVCAS_PURE_PYTHON="1") == str(no_headers)


def test_with_no_candidate_left_it_names_python3_for_venv_to_report_on(tmp_path):
    assert venv_python(str(tmp_path / "absent")) == "python3"
