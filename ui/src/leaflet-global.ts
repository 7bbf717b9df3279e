// Leaflet as the global `L`: leaflet.markercluster is a UMD plugin that extends the global, not an import.
import L from "leaflet";

(globalThis as unknown as { L: typeof L }).L = L;

export default L;
