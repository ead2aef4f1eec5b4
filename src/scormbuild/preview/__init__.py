"""`scormbuild preview COURSE`: the course played in the real player inside an LMS page,
beside an inspector, rebuilt and reloaded at the same lesson on every saved file.

- :mod:`.scorm_again` finds the npm package scorm-again (the LMS runtime; never copied here)
- :mod:`.watcher` polls the course folder's files for changes
- :mod:`.rebuild` runs the real pipeline into a temp folder and unzips what it built
- :mod:`.lrs` a small in-memory LRS/LMS for cmi5 and Tin Can
- :mod:`.server` the HTTP server (127.0.0.1 only): the page, the packages, events, the LRS
- :mod:`.command` the click command that ties them together and stops cleanly on Ctrl-C
"""
