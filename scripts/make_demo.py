"""Scaffold the demo site for ``./dev demo`` the way a user would.

Runs ``framework-admin startproject demosite`` and ``manage.py startapp blog`` in
the target folder, then copies the demo blog's views, URLs, templates and
static files over the generated app. An existing demo is left as it is (so
local edits survive); pass ``--fresh`` to rebuild it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "demo_blog"


def main(target: Path, fresh: bool) -> None:
    site = target / "demosite"
    if fresh and target.exists():
        shutil.rmtree(target)
    if (site / "manage.py").exists():
        print(f"demo: using the existing demo site in {site} (./dev demo --fresh rebuilds it)")
        return
    target.mkdir(parents=True, exist_ok=True)
    run([sys.executable, "-m", "framework", "startproject", "demosite"], target)
    run([sys.executable, "manage.py", "startapp", "blog"], site)
    shutil.copytree(SOURCE, site / "blog", dirs_exist_ok=True)
    with open(site / "demosite" / "settings.py", "a") as settings:
        settings.write('\nINSTALLED_APPS = [*INSTALLED_APPS, "blog"]\n')
    with open(site / "demosite" / "urls.py", "a") as urls:
        urls.write(
            "\nfrom framework.urls import include\n"
            "from framework.views.generic import RedirectView\n\n"
            "urlpatterns = [\n"
            "    *urlpatterns,\n"
            '    path("", RedirectView.as_view(pattern_name="blog:index")),\n'
            '    path("blog/", include("blog.urls")),\n'
            "]\n"
        )
    print(f"demo: created {site}")


def run(args: list[str], cwd: Path) -> None:
    result = subprocess.run(args, cwd=cwd)
    if result.returncode:
        sys.exit(f"demo: {' '.join(args)} failed in {cwd}")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(Path(args[0]) if args else HERE.parent / ".demo", "--fresh" in sys.argv)
