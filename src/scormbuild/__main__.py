from scormbuild.cli import run

run()
