package server

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"cyberportal/data"
)

// routes builds the Echo instance with every route of the portal.
func (s *Server) routes() *echo.Echo {
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = s.handleError
	e.IPExtractor = s.proxies.clientIP // proxy headers count only from -trusted-proxies
	e.Use(s.recoverPanics(), s.framed, timeout(10*time.Second))
	e.Use(middleware.BodyLimit("64K"), bodyOnlyForms)
	e.Use(middleware.GzipWithConfig(middleware.GzipConfig{Skipper: s.gzipSkipper}))

	e.GET("/", s.redirectToLanguage)
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.GET("/robots.txt", s.robots)
	e.GET("/sitemap.xml", s.sitemap)
	e.GET("/.well-known/security.txt", s.securityTxt)
	s.packedGET(e, "/static/*", s.serveAsset)

	g := e.Group("/:lang", s.language)
	g.GET("", func(c echo.Context) error { return c.Redirect(http.StatusMovedPermanently, "/"+lang(c)+"/") })
	s.packedGET(g, "/", s.showHome)
	g.GET("/advice", s.listAdvice)
	s.packedGET(g, "/advice/:slug", s.showArticle)
	s.packedGET(g, "/privacy", s.showStatement("privacy"))
	s.packedGET(g, "/accessibility", s.showStatement("accessibility"))
	s.packedGET(g, "/contacts", s.showContacts) // contacts.go: who can help, from content/directory
	s.extraPublicPaths = append(s.extraPublicPaths, "/contacts")

	// Reporting: report.go, report_status.go. Every POST is rate
	// limited per client; receipt-code lookups also for everyone together.
	rep := g.Group("/report", noStore, s.csrf())
	rep.GET("", s.showReportForm)
	rep.POST("", s.submitReport, s.limit(s.report.submits))
	rep.GET("/done", s.showReportDone)
	rep.POST("/done", s.confirmReport, s.limit(s.report.submits))
	rep.GET("/status", s.showStatusForm)
	rep.POST("/status", s.reportStatus, s.limit(s.report.lookups))
	s.extraPublicPaths = append(s.extraPublicPaths, "/report")

	// Small-business self-check and printable materials (issue 14):
	// selfcheck*.go, materials.go. Answers travel in the POST body only.
	sc := g.Group("/self-check", noStore, s.csrf())
	sc.GET("", s.showSelfCheck)
	sc.POST("", s.submitSelfCheck, s.limit(s.report.submits))
	sc.POST("/share", s.shareSelfCheck, s.limit(s.report.submits))
	s.packedGET(g, "/materials", s.showMaterials)
	s.packedGET(g, "/materials/poster", s.showPoster)
	s.extraPublicPaths = append(s.extraPublicPaths, "/self-check", "/materials", "/materials/poster")

	// Statistics: statistics.go
	s.packedGET(g, "/statistics", s.showStatistics)
	s.packedGET(g, "/statistics/:file", s.downloadStatistics)

	// Warnings and staff: warnings.go, staff_*.go
	s.packedGET(g, "/warnings", s.listWarnings)
	g.GET("/warnings.atom", s.warningsFeed)
	s.extraPublicPaths = append(s.extraPublicPaths, "/warnings")

	// Everything under /staff/ is for logged-in staff with the right role,
	// except the login and the set-up link. Pages without a session redirect
	// to the login; the CSV export answers 401.
	e.GET("/staff", func(c echo.Context) error { return c.Redirect(http.StatusMovedPermanently, "/staff/") })
	st := e.Group("/staff", noStore, s.staffSession, s.staffGuard, s.staffCSRF())
	analyst, editor, admin := s.requireStaff(data.RoleAnalyst), s.requireStaff(data.RoleEditor), s.requireStaff(data.RoleAdmin)
	st.GET("/login", s.showLogin)
	st.POST("/login", s.login)
	st.GET("/setup/:token", s.showSetup)
	st.POST("/setup/:token", s.completeSetup)
	st.POST("/logout", s.logout)
	st.POST("/lang", s.setStaffLanguage, analyst)
	st.GET("/", s.showStaffHome, analyst)
	st.GET("/reports", s.listReports, analyst)
	st.GET("/reports.csv", s.exportReports, analyst)
	st.GET("/reports/:id", s.showReport, analyst)
	st.POST("/reports/:id/status", s.setReportStatus, analyst)
	st.GET("/warnings", s.listStaffWarnings, editor)
	st.GET("/warnings/new", s.showNewWarning, editor)
	st.POST("/warnings", s.createWarning, editor)
	st.GET("/warnings/:id", s.showWarning, editor)
	st.POST("/warnings/:id", s.saveWarning, editor)
	st.POST("/warnings/:id/publish", s.publishWarning, editor)
	st.POST("/warnings/:id/withdraw", s.withdrawWarning, editor)
	st.GET("/accounts", s.listAccounts, admin)
	st.POST("/accounts", s.addAccount, admin)
	st.POST("/accounts/:id/disable", s.disableAccount, admin)
	st.POST("/accounts/:id/reset", s.resetAccount, admin)
	st.GET("/audit", s.showAudit, admin)
	st.GET("/statistics/self-check", s.showStaffSelfCheck, analyst)

	return e
}
