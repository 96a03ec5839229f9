package charts

import "embed"

// Static holds static/charts.js, the ECharts bundle built from assets/ (see
// assets/package.json), which draws every element with a data-chart
// attribute from its JSON options. The server serves it from our own origin,
// so pages need no inline script and no other host: "script-src 'self'".
//
//go:embed static
var Static embed.FS
