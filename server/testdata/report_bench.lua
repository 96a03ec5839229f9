-- wrk script for TestBenchReports: every request sends a complete report to
-- POST /{lang}/report/done, as the check page does, with the CSRF cookie and
-- token the test fetched. The test passes them in the environment.
wrk.method = "POST"
wrk.path = os.getenv("REPORT_PATH")
wrk.body = os.getenv("REPORT_BODY")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "csrf=" .. os.getenv("REPORT_CSRF")
