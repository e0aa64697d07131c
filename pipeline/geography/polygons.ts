/** Planar point-in-polygon on lon/lat GeoJSON (even-odd rule, so ring orientation does not matter). */
type Ring = number[][];
type Geometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

export interface Feature {
  properties: Record<string, unknown>;
  geometry: Geometry;
}

function inRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function polygonsOf(geometry: Geometry): Ring[][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

export function contains(geometry: Geometry, lon: number, lat: number): boolean {
  return polygonsOf(geometry).some((rings) => {
    let inside = false;
    for (const ring of rings) if (inRing(lon, lat, ring)) inside = !inside;
    return inside;
  });
}

export function allVertices(geometry: Geometry): number[][] {
  return polygonsOf(geometry).flatMap((rings) => rings[0]);
}

/** Points on a regular grid over the geometry's bounding box that fall inside it (area sampling). */
export function interiorSample(geometry: Geometry, steps = 25): number[][] {
  const vs = allVertices(geometry);
  const xs = vs.map((v) => v[0]);
  const ys = vs.map((v) => v[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const out: number[][] = [];
  for (let i = 0; i < steps; i++) {
    for (let j = 0; j < steps; j++) {
      const x = x0 + ((i + 0.5) / steps) * (x1 - x0);
      const y = y0 + ((j + 0.5) / steps) * (y1 - y0);
      if (contains(geometry, x, y)) out.push([x, y]);
    }
  }
  return out;
}
