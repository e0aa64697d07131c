/**
 * Police force area boundaries drawn as SVG paths at build time with d3-geo. The published
 * boundaries are detailed enough for print; pages need a few hundred pixels, so every ring is
 * thinned to points at least a fraction of a pixel apart before d3 draws it (radial-distance
 * simplification) and coordinates are written with one decimal.
 */
import { geoPath, geoTransform } from 'd3';
import { pfaBoundaries, featureCode, type GeoFeature } from './data.ts';

type Ring = [number, number][];
type Polygon = Ring[];

// England and Wales sit around 52.5°N; scaling longitude by cos(52.5°) gives the familiar shape
// without a spherical projection (and without d3's spherical winding rules).
const LAT0 = (52.5 * Math.PI) / 180;
const K = Math.cos(LAT0);

function polygons(f: GeoFeature): Polygon[] {
  return f.geometry.type === 'Polygon' ? [f.geometry.coordinates as Polygon] : (f.geometry.coordinates as Polygon[]);
}

/** Keep a point only when it lies at least `tol` (degrees) from the last kept one; keep ring closure. */
export function thinRing(ring: Ring, tol: number): Ring {
  if (ring.length <= 4) return ring;
  const kept: Ring = [ring[0]];
  const tol2 = tol * tol;
  for (let i = 1; i < ring.length - 1; i++) {
    const [x, y] = ring[i];
    const [lx, ly] = kept[kept.length - 1];
    const dx = (x - lx) * K;
    const dy = y - ly;
    if (dx * dx + dy * dy >= tol2) kept.push(ring[i]);
  }
  kept.push(ring[ring.length - 1]);
  return kept;
}

export interface MapShape {
  code: string;
  d: string;
  /** Centre of the shape's bounding box, for labels and markers. */
  cx: number;
  cy: number;
}

export interface MapLayout {
  width: number;
  height: number;
  shapes: MapShape[];
}

const layouts = new Map<string, MapLayout>();

/** Every PFA as a path fitted to `width` (height follows the shape of England and Wales). */
export function pfaMap(width: number, pad = 4): MapLayout {
  const key = `${width}/${pad}`;
  const hit = layouts.get(key);
  if (hit) return hit;
  const features = pfaBoundaries().features;
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (const f of features) for (const poly of polygons(f)) for (const [lon, lat] of poly[0]) {
    minX = Math.min(minX, lon * K); maxX = Math.max(maxX, lon * K);
    minY = Math.min(minY, -lat); maxY = Math.max(maxY, -lat);
  }
  const scale = (width - 2 * pad) / (maxX - minX);
  const height = Math.ceil((maxY - minY) * scale + 2 * pad);
  const project = (lon: number, lat: number): [number, number] => [pad + (lon * K - minX) * scale, pad + (-lat - minY) * scale];
  const transform = geoTransform({
    point(lon: number, lat: number) {
      const [x, y] = project(lon, lat);
      this.stream.point(x, y);
    },
  });
  const path = geoPath(transform).digits(1);
  // 0.6 px between kept points: invisible at this size, and it removes most of the file.
  const tol = 0.6 / scale;
  // Islands smaller than about a pixel square are dropped; the largest polygon of each area is always kept.
  const minArea = 1 / (scale * scale);
  const shapes = features.map((f) => {
    const polys = polygons(f);
    const largest = polys.reduce((best, p) => (ringArea(p[0]) > ringArea(best[0]) ? p : best), polys[0]);
    const kept = polys.filter((p) => p === largest || ringArea(p[0]) >= minArea).map((p) => p.map((r) => thinRing(r, tol)));
    const geometry = { type: 'MultiPolygon' as const, coordinates: kept };
    const [[x0, y0], [x1, y1]] = path.bounds(geometry as never);
    return { code: featureCode(f), d: path(geometry as never) ?? '', cx: (x0 + x1) / 2, cy: (y0 + y1) / 2 };
  });
  const layout = { width, height, shapes };
  layouts.set(key, layout);
  return layout;
}

function ringArea(ring: Ring): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j][0] * K) * ring[i][1] - (ring[i][0] * K) * ring[j][1];
  return Math.abs(a / 2);
}
