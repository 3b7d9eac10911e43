package main

import (
	"fmt"
	"os"
	"path/filepath"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// The plots -plot writes, with gonum.org/v1/plot: one panel per call or
// list, one line per implementation (medians over the runs), each
// implementation in the same colour and glyph in every panel.
const (
	plotBigTime = "big-time.png"  // time per call against items per response (log-log)
	plotBigHeap = "big-heap.png"  // peak heap per call against items per response (log-log)
	plotConc    = "conc-reqs.png" // requests/s against goroutines sharing one client (log x)
)

// axis describes one axis of a panel.
type axis struct {
	label string
	log   bool
}

// panel is one plot: a title and a line per implementation.
type panel struct {
	title  string
	x, y   axis
	series []series
}

type series struct {
	impl string
	pts  plotter.XYs
}

// writePlots writes the plots of rep into dir and returns their paths; a
// plot whose benchmarks are absent from the input is not written.
func writePlots(rep *report, dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	items := axis{"items per response", true}
	var files []string
	for _, f := range []struct {
		name   string
		panels []panel
	}{
		{plotBigTime, paramPanels(rep.big, 'n', bigImpls, items, axis{"time per call (ms)", true}, func(s *samples) stat { return scaled(secOf(s), 1e3) })},
		{plotBigHeap, paramPanels(rep.big, 'n', bigImpls, items, axis{"peak heap per call (MiB)", true}, func(s *samples) stat { return scaled(extra(s, unitPeak), 1.0/(1<<20)) })},
		{plotConc, paramPanels(rep.conc, 'g', concImpls, axis{"goroutines sharing one client", true}, axis{"requests/s", false}, func(s *samples) stat { return extra(s, unitReqs) })},
	} {
		if len(f.panels) == 0 {
			continue
		}
		path := filepath.Join(dir, f.name)
		if err := savePanels(f.panels, path); err != nil {
			return files, fmt.Errorf("%s: %w", path, err)
		}
		files = append(files, path)
	}
	return files, nil
}

func scaled(s stat, k float64) stat {
	s.med *= k
	return s
}

// paramPanels makes a panel per item key of g, with a series per
// implementation of the medians get returns against the parameter.
func paramPanels(g *group, letter byte, impls []string, x, y axis, get func(*samples) stat) []panel {
	if g == nil {
		return nil
	}
	var out []panel
	for _, ps := range byParam(g, letter) {
		p := panel{title: ps.key, x: x, y: y}
		for _, impl := range impls {
			sr := series{impl: impl}
			for _, v := range ps.values {
				st := get(ps.runs[v][impl])
				if !st.ok || (y.log && st.med <= 0) {
					continue // a log axis cannot show 0
				}
				sr.pts = append(sr.pts, plotter.XY{X: v, Y: st.med})
			}
			if len(sr.pts) > 0 {
				p.series = append(p.series, sr)
			}
		}
		if len(p.series) > 0 {
			out = append(out, p)
		}
	}
	return out
}

// savePanels draws the panels side by side into one PNG.
func savePanels(panels []panel, path string) error {
	const w, h = 5 * vg.Inch, 4 * vg.Inch
	row := make([]*plot.Plot, len(panels))
	for i, pn := range panels {
		p := plot.New()
		p.Title.Text = pn.title
		p.X.Label.Text, p.Y.Label.Text = pn.x.label, pn.y.label
		if pn.x.log {
			p.X.Scale, p.X.Tick.Marker = plot.LogScale{}, plot.LogTicks{Prec: -1}
		}
		if pn.y.log {
			p.Y.Scale, p.Y.Tick.Marker = plot.LogScale{}, plot.LogTicks{Prec: -1}
		} else {
			p.Y.Min = 0
		}
		// Head room above the highest point for the legend (top left).
		top := 0.0
		for _, sr := range pn.series {
			for _, pt := range sr.pts {
				top = max(top, pt.Y)
			}
		}
		if pn.y.log {
			p.Y.Max = top * 4
		} else {
			p.Y.Max = top * 1.4
		}
		p.Add(plotter.NewGrid())
		p.Legend.Top, p.Legend.Left = true, true
		for _, sr := range pn.series {
			k := implIndex(sr.impl)
			line, points, err := plotter.NewLinePoints(sr.pts)
			if err != nil {
				return err
			}
			line.Color, points.Color = plotutil.Color(k), plotutil.Color(k)
			line.Dashes = plotutil.Dashes(k)
			points.Shape = plotutil.Shape(k)
			p.Add(line, points)
			p.Legend.Add(sr.impl, line, points)
		}
		row[i] = p
	}
	img := vgimg.New(w*vg.Length(len(panels)), h)
	dc := draw.New(img)
	tiles := draw.Tiles{Rows: 1, Cols: len(panels), PadX: vg.Millimeter * 4, PadY: vg.Millimeter * 4, PadTop: vg.Millimeter * 2, PadBottom: vg.Millimeter * 2, PadLeft: vg.Millimeter * 2, PadRight: vg.Millimeter * 2}
	canvases := plot.Align([][]*plot.Plot{row}, tiles, dc)
	for i, p := range row {
		p.Draw(canvases[0][i])
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// implIndex gives each implementation its colour, dashes and glyph.
func implIndex(impl string) int {
	for i, x := range []string{"ours", "peer", "floor", "tuned", "hand"} {
		if x == impl {
			return i
		}
	}
	return 5
}
