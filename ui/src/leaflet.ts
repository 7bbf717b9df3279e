// Leaflet with marker clustering and their styles; imported after leaflet-global so the plugin finds `L`.
import L from "./leaflet-global";
import "leaflet.markercluster";
import "leaflet/dist/leaflet.css";
import "leaflet.markercluster/dist/MarkerCluster.css";

export default L;
