"""``python -m armsflow``: the same command as the ``armsflow`` console script."""
from armsflow.cli import app

if __name__ == "__main__":
    app(prog_name="armsflow")
