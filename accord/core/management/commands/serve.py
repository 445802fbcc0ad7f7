"""`accord serve`: migrate if needed, collect static files, start the background-task worker
and serve with gunicorn.

Static files are served by Accord itself (WhiteNoise); nothing is loaded from the internet.
The worker (`accord db_worker`, django-tasks-db) takes the long work — imports, rescreening,
recomputations — from the queue in the database; several servers may each run one, a task is
taken by one worker only. It stops when the server stops."""

import atexit
import multiprocessing
import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.wsgi import get_wsgi_application
from gunicorn.app.base import BaseApplication


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return get_wsgi_application()


class Command(BaseCommand):
    help = "Migrate if needed and serve Accord with a production server (gunicorn)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=0,
                            help="Worker processes (default: 2 per CPU core, at most 8).")
        parser.add_argument("--threads", type=int, default=4)
        parser.add_argument("--no-migrate", action="store_true")
        parser.add_argument("--no-worker", action="store_true",
                            help="Do not start the background-task worker beside the server.")

    def handle(self, *args, host, port, workers, threads, no_migrate, no_worker, **options):
        if not 0 < port < 65536:
            raise CommandError(f"--port must be between 1 and 65535, not {port}.")
        if not no_migrate:
            call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        if not no_worker:
            self._start_task_worker()
        workers = workers or min(8, 2 * multiprocessing.cpu_count())
        self.stdout.write(f"Accord is serving on http://{host}:{port}/ "
                          f"({workers} workers × {threads} threads, DEBUG={settings.DEBUG})")
        _Gunicorn({
            "bind": f"{host}:{port}", "workers": workers, "threads": threads,
            "worker_class": "gthread", "accesslog": "-", "timeout": 60,
            "forwarded_allow_ips": "127.0.0.1",
        }).run()

    def _start_task_worker(self) -> None:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": os.environ["DJANGO_SETTINGS_MODULE"]}
        worker = subprocess.Popen(  # noqa: S603 - our own interpreter and command
            [sys.executable, "-c", "from accord.cli import main; main()", "db_worker",
             "--interval", "1"],
            env=env,
        )
        atexit.register(worker.terminate)
        self.stdout.write(f"Background-task worker started (pid {worker.pid}).")
