"""Benchmarks and the fuzzing harness (``python -m bench``, ``python -m bench.fuzz``)."""


def compile_bytecode() -> None:
    """Write the package's bytecode (``__pycache__``) before anything is timed, as ``pip``
    does when it installs a package. Without it, a run under ``PYTHONDONTWRITEBYTECODE=1``
    (this project's development machine sets it) compiles every module it imports again each
    time, ~0.15 s of every audit that a user's installed copy never pays."""
    import compileall
    from pathlib import Path

    import privacyscope

    compileall.compile_dir(Path(privacyscope.__file__).parent, quiet=1)
