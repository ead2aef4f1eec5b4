"""`scormbuild play PACKAGE`: any package, ours or a vendor's, launched in headless Chromium
inside an LMS page, walked by a generic learner, and reported by what the LMS recorded.

- :mod:`.unpack` checks the untrusted zip (verify's zip rules) and unpacks it privately
- :mod:`.session` serves it with the preview's server and LMS page (scorm-again, or the
  in-memory LRS and cmi5 LMS), drives Chromium and the learner, reads the LMS
- :mod:`.report` the report: summaries of the LMS data, text/json/junit
- :mod:`.command` the click command
- templates/play/learner.js the generic learner's eyes (what to do next in a frame)
"""
