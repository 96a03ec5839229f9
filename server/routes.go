package server

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// routes builds the Echo instance with every route of the portal.
func (s *Server) routes() *echo.Echo {
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = s.handleError
	e.IPExtractor = echo.ExtractIPDirect() // no proxy headers are trusted unless configured
	e.Use(s.recoverPanics(), s.requestLogger(), s.securityHeaders, timeout(10*time.Second))
	e.Use(middleware.BodyLimit("64K"))
	e.Use(middleware.GzipWithConfig(middleware.GzipConfig{Skipper: gzipSkipper}))

	e.GET("/", s.redirectToLanguage)
	e.GET("/healthz", s.healthz)
	e.GET("/robots.txt", s.robots)
	e.GET("/sitemap.xml", s.sitemap)
	e.GET("/.well-known/security.txt", s.securityTxt)
	e.GET("/static/*", s.serveAsset)

	g := e.Group("/:lang", s.language)
	g.GET("", func(c echo.Context) error { return c.Redirect(http.StatusMovedPermanently, "/"+lang(c)+"/") })
	g.GET("/", s.showHome)
	g.GET("/advice", s.listAdvice)
	g.GET("/advice/:slug", s.showArticle)
	g.GET("/privacy", s.showStatement("privacy"))
	g.GET("/accessibility", s.showStatement("accessibility"))

	// Reporting (issue 3): report.go

	// Statistics (issue 4): statistics.go
	g.GET("/statistics", s.showStatistics)
	g.GET("/statistics/:file", s.downloadStatistics)

	// Warnings and staff (issue 5): warnings.go, staff_*.go

	return e
}
