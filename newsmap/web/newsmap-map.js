/* newsmap's event map: clustered circle markers, tooltips kept inside the map, popups, a linked
 * event list, a time slider and a collapsible legend. Loaded after Leaflet and Leaflet.markercluster.
 *
 * newsmapMap(map, config, source): ``source`` is the data (or a URL to fetch it from):
 *   {lat: [...], lon: [...], props: [[...MARKER_FIELDS order...]], d0: [day|null], d1: [day|null]}
 * d0/d1 are the first and last day (days since 1970-01-01) an event may have happened on: equal
 * for a dated event, a whole month for one dated only by its month. Every string in ``props`` is
 * HTML-escaped by the server (mapview.event_row), so it is inserted as HTML here.
 */
(function () {
    'use strict';
    var DAY_MS = 86400000;

    function isoDay(day) { return new Date(day * DAY_MS).toISOString().slice(0, 10); }

    function el(tag, className, html) {
        var node = document.createElement(tag);
        if (className) node.className = className;
        if (html !== undefined) node.innerHTML = html;
        return node;
    }

    window.newsmapMap = function (map, config, source) {
        window.newsmapStartAt = performance.now();
        // Markercluster needs the map's own zoom limit (folium sets none without a default tile layer).
        if (map.options.maxZoom === undefined) map.setMaxZoom(18);
        if (config.bounds) map.fitBounds(config.bounds, {padding: [30, 30], maxZoom: 8, animate: false});
        addBasemap(map, config);
        addLegend(map, config);
        var panel = el('aside', 'nm-list');
        panel.setAttribute('aria-label', 'Events on the map');
        panel.innerHTML = '<div class="nm-list-head"><span class="nm-list-title"></span> '
            + '<button type="button" class="nm-list-all" hidden>show all</button></div><ol class="nm-rows"></ol>';
        document.body.appendChild(panel);
        var load = typeof source === 'string'
            ? fetch(source).then(function (r) { return r.json(); })
            : Promise.resolve(source);
        load.then(function (rows) { draw(map, rows, panel, config); });
    };

    function addBasemap(map, config) {
        var base = {}, overlays = {};
        if (config.tiles) {
            var local = L.tileLayer(config.tiles.url, {
                minZoom: 0, maxNativeZoom: config.tiles.maxZoom, maxZoom: 19,
                attribution: config.tiles.attribution, className: 'nm-local-tiles'
            }).addTo(map);
            base['OpenStreetMap (offline, zoom 0\u2013' + config.tiles.maxZoom + ')'] = local;
            if (config.tiles.labels) overlays['English place names (GeoNames)'] = placeLabels(map, config.tiles.labels);
        } else if (config.outlines) {
            map.createPane('nm-basemap');
            map.getPane('nm-basemap').style.zIndex = 150;
            var outlines = L.layerGroup().addTo(map);
            var add = function (data) {
                L.geoJSON(data, {pane: 'nm-basemap', interactive: false, style: config.outlines.style,
                                 attribution: 'Natural Earth'}).addTo(outlines);
            };
            if (typeof config.outlines.data === 'string') {
                fetch(config.outlines.data).then(function (r) { return r.json(); }).then(add);
            } else {
                add(config.outlines.data);
            }
            base['Country outlines (offline)'] = outlines;
        }
        var online = L.tileLayer(config.online.url, {maxZoom: 19, attribution: config.online.attribution});
        var loaded = false, withdrawn = false;
        online.on('tileload', function () { loaded = true; });
        // Offline, every online tile fails: don't credit a map that isn't shown.
        online.on('tileerror', function () {
            if (loaded || withdrawn || !map.attributionControl) return;
            withdrawn = true;
            map.attributionControl.removeAttribution(config.online.attribution);
            map.attributionControl.addAttribution('online tiles unreachable');
        });
        online.on('remove', function () {
            if (withdrawn && map.attributionControl) map.attributionControl.removeAttribution('online tiles unreachable');
            withdrawn = false;
        });
        base['OpenStreetMap (online)'] = online;
        L.control.layers(base, overlays, {position: 'topright'}).addTo(map);
    }

    // English names from the gazetteer over the packaged tiles (their own labels are in each
    // country's script): the labels in view whose minimum zoom is reached, broadest first, none
    // covering another, redrawn on moves.
    function placeLabels(map, url) {
        var layer = L.layerGroup().addTo(map), rows = [];
        map.createPane('nm-labels');
        map.getPane('nm-labels').style.zIndex = 350;  // over the tiles, under the markers
        map.getPane('nm-labels').style.pointerEvents = 'none';
        function draw() {
            if (!map.hasLayer(layer)) return;
            layer.clearLayers();
            var zoom = map.getZoom(), bounds = map.getBounds(), drawn = [];
            for (var i = 0; i < rows.length && drawn.length < 600; i++) {
                var row = rows[i];
                if (row[4] > zoom || !bounds.contains([row[0], row[1]])) continue;
                // A label that would cover one already drawn is left out (its text is about 6.5 px a letter).
                var point = map.latLngToContainerPoint([row[0], row[1]]), half = row[2].length * 3.3 + 4;
                var box = [point.x - half, point.x + half, point.y, point.y + 18];
                if (drawn.some(function (b) { return b[0] < box[1] && box[0] < b[1] && b[2] < box[3] && box[2] < b[3]; })) continue;
                drawn.push(box);
                var label = document.createElement('span');
                label.textContent = row[2];
                layer.addLayer(L.marker([row[0], row[1]], {
                    pane: 'nm-labels', interactive: false, keyboard: false,
                    icon: L.divIcon({className: 'nm-label nm-label-' + row[3], html: label.outerHTML, iconSize: null})
                }));
            }
        }
        fetch(url).then(function (r) { return r.json(); }).then(function (data) {
            // Broadest first, so a crowded view keeps countries and regions.
            var rank = {country: 0, admin1: 1, city: 2};
            rows = data.sort(function (a, b) { return rank[a[3]] - rank[b[3]] || a[4] - b[4]; });
            draw();
        });
        map.on('moveend', draw);
        layer.on('add', draw);
        return layer;
    }

    function addLegend(map, config) {
        if (!config.legend) return;
        var legend = L.control({position: 'bottomright'});
        legend.onAdd = function () {
            var box = el('details', 'nm-legend', '<summary>Legend</summary>' + config.legend);
            // Open where there is room; a narrow map starts with it folded so it covers no marker.
            if (map.getSize().x >= 560) box.open = true;
            L.DomEvent.disableClickPropagation(box);
            L.DomEvent.disableScrollPropagation(box);
            return box;
        };
        legend.addTo(map);
    }

    function draw(map, rows, panel, config) {
        var colours = config.colours, labels = config.labels, fields = config.fields;
        var n = rows.lat.length, P = new Array(n), markers = new Array(n);
        // A compact view (no "props") names each event's type, place, date and figures by string
        // indexes; its sentence and sources come from detail chunks when it is hovered or opened.
        var compact = !rows.props, S = rows.strings;
        function fromRow(row) {
            var p = {};
            for (var j = 0; j < fields.length; j++) p[fields[j]] = row[j];
            return p;
        }
        for (var i = 0; i < n; i++) {
            var p = compact
                ? {t: rows.t[i], r: rows.r[i], p: S[rows.p[i]], a: S[rows.a[i]], d: S[rows.d[i]], c: S[rows.c[i]], x: null}
                : fromRow(rows.props[i]);
            P[i] = p;
            var marker = L.circleMarker([rows.lat[i], rows.lon[i]], {
                radius: p.r, color: '#333', weight: 1, fillColor: colours[p.t], fillOpacity: 0.8,
                bubblingMouseEvents: false  // a click on a spread-out marker must not fold its group (a map click does)
            });
            marker.nm = i;
            marker.feature = {properties: p};
            markers[i] = marker;
        }
        var d0 = rows.d0 || [], d1 = rows.d1 || [];

        var cluster = L.markerClusterGroup({
            maxClusterRadius: 36, spiderfyOnMaxZoom: true, showCoverageOnHover: false,
            spiderfyDistanceMultiplier: 1.6,
            spiderLegPolylineOptions: {weight: 1.5, color: '#222', opacity: 0.6}
        });
        // Beyond GRID_LIMIT events in view, markercluster is too slow (its hierarchy covers every
        // zoom): the view's events are summed per grid cell instead, and markercluster takes over
        // once the view holds fewer.
        var GRID_LIMIT = 4000, GRID_PX = 64;
        var grid = L.featureGroup();
        var held = [];

        var byPosition = null, loading = {};
        function details(i, done) {
            if (P[i].x !== null) { done(); return; }
            var chunk = Math.floor(rows.g[i] / rows.chunk);
            if (!byPosition) {
                byPosition = new Map();
                for (var k = 0; k < n; k++) byPosition.set(rows.g[k], k);
            }
            if (!loading[chunk]) {
                loading[chunk] = fetch(rows.chunks[chunk]).then(function (r) { return r.json(); }).then(function (data) {
                    var base = chunk * rows.chunk;
                    data.forEach(function (row, j) {
                        var k = row && byPosition.get(base + j);
                        if (k === undefined || k === null || k === false) return;
                        P[k] = fromRow(row);
                        markers[k].feature.properties = P[k];
                    });
                });
            }
            loading[chunk].then(done);
        }

        // ---------------------------------------------------------------- tooltip and popup
        var tip = L.tooltip({className: 'nm-tip', opacity: 1});
        var popup = L.popup({maxWidth: 380, autoPanPadding: [16, 16], className: 'nm-popup'});
        var popupFor = null;

        function reporters(p) {
            return p.f || ('reported by ' + p.n + (p.n === 1 ? ' source' : ' sources'));
        }
        function tooltipHtml(p) {
            return '<b>' + p.p + '</b> <small>' + p.a + '</small><br>' + p.d + ' \u00b7 ' + labels[p.t]
                + ' \u00b7 <b>' + p.c + '</b><div class="nm-quote">\u201c' + (p.q || p.x) + '\u201d</div>'
                + '<small>' + reporters(p) + (p.k ? '<br><i>corrected by an analyst: ' + p.k + '</i>' : '')
                + '</small>';
        }
        function popupHtml(p) {
            var html = '<b>' + p.p + '</b> \u00b7 ' + p.d + '<br>' + labels[p.t] + ' \u00b7 ' + p.c
                + '<br><small>' + reporters(p) + (p.k ? ' \u00b7 <i>corrected: ' + p.k + '</i>' : '') + '</small>';
            if (!p.s.length) html += '<blockquote class="nm-quote">' + p.x + '</blockquote>';
            p.s.forEach(function (s) {
                var title = s[0] ? '<a href="' + s[0] + '" target="_blank" rel="noopener">' + s[1] + '</a>' : s[1];
                html += '<blockquote class="nm-quote">' + (s[3] === null ? p.x : s[3]) + '</blockquote>'
                    + '<small>' + title + (s[2] ? ' \u2014 ' + s[2] : '') + (s[4] ? ' \u00b7 ' + s[4] : '') + '</small>';
            });
            return html;
        }
        function hereHtml(children) {
            var lines = children.slice(0, 6).map(function (m) {
                var p = P[m.nm];
                return '<li><b>' + p.p + '</b> \u00b7 ' + p.d + ' \u00b7 ' + labels[p.t] + ' \u00b7 ' + p.c + '</li>';
            }).join('');
            var more = children.length > 6 ? '<li>and ' + (children.length - 6) + ' more</li>' : '';
            var hint = samePlace(children) ? 'click to spread them out and list them' : 'click to zoom in';
            return '<b>' + children.length + ' events here</b><ul class="nm-here">' + lines + more
                + '</ul><small>' + hint + '</small>';
        }

        // The tooltip opens on the side of the marker with more room, then is nudged inside the map.
        function showTip(latlng, html) {
            var size = map.getSize(), point = map.latLngToContainerPoint(latlng);
            tip.options.direction = point.y > size.y / 2 ? 'top' : 'bottom';
            tip.options.offset = tip.options.direction === 'top' ? [0, -8] : [0, 8];
            tip.setContent(html).setLatLng(latlng);
            if (!map.hasLayer(tip)) map.openTooltip(tip); else tip.update();
            var node = tip.getElement();
            if (!node) return;
            node.style.width = Math.max(160, Math.min(320, size.x - 16)) + 'px';
            node.style.translate = '';
            tip.update();
            var box = map.getContainer().getBoundingClientRect(), r = node.getBoundingClientRect(), pad = 4;
            var dx = 0, dy = 0;
            if (r.right > box.right - pad) dx = box.right - pad - r.right;
            if (r.left + dx < box.left + pad) dx = box.left + pad - r.left;
            if (r.bottom > box.bottom - pad) dy = box.bottom - pad - r.bottom;
            if (r.top + dy < box.top + pad) dy = box.top + pad - r.top;
            node.style.translate = dx + 'px ' + dy + 'px';
        }
        var tipFor = null;
        function hideTip() { tipFor = null; if (map.hasLayer(tip)) map.closeTooltip(tip); }
        function basicHtml(p) {
            return '<b>' + p.p + '</b> <small>' + p.a + '</small><br>' + p.d + ' \u00b7 ' + labels[p.t]
                + ' \u00b7 <b>' + p.c + '</b><div class="nm-quote">\u2026</div>';
        }

        function openPopup(i) {
            hideTip();
            popupFor = i;
            select(i);
            details(i, function () {
                if (popupFor !== i) return;
                popup.setLatLng(markers[i].getLatLng()).setContent(popupHtml(P[i])).openOn(map);
            });
        }
        map.on('popupclose', function (e) { if (e.popup === popup) popupFor = null; });

        function markerOver(e) {
            var m = e.layer;
            if (!m || m.nm === undefined || popupFor === m.nm) return;
            var i = m.nm;
            tipFor = i;
            if (P[i].x === null) showTip(m.getLatLng(), basicHtml(P[i]));
            details(i, function () { if (tipFor === i) showTip(m.getLatLng(), tooltipHtml(P[i])); });
        }
        function markerClick(e) {
            if (e.layer && e.layer.nm !== undefined) openPopup(e.layer.nm);
        }
        cluster.on('mouseover', markerOver);
        cluster.on('mouseout', hideTip);
        cluster.on('click', markerClick);
        grid.on('mouseover', function (e) {
            if (e.layer.nmCell) showTip(e.layer.getLatLng(), hereHtml(e.layer.nmCell)); else markerOver(e);
        });
        grid.on('mouseout', hideTip);
        grid.on('click', function (e) {
            if (!e.layer.nmCell) { markerClick(e); return; }
            hideTip();
            var bounds = L.latLngBounds(e.layer.nmCell.map(latlngOf));
            if (bounds.getNorthEast().equals(bounds.getSouthWest())) map.setView(bounds.getCenter(), map.getZoom() + 3);
            else map.fitBounds(bounds, {padding: [20, 20]});
        });
        cluster.on('clustermouseover', function (e) { showTip(e.layer.getLatLng(), hereHtml(e.layer.getAllChildMarkers())); });
        cluster.on('clustermouseout', hideTip);
        cluster.on('clusterclick', function (e) {
            hideTip();
            var children = e.layer.getAllChildMarkers();
            if (samePlace(children)) showHere(children.map(function (m) { return m.nm; }));
        });
        cluster.on('unspiderfied', function () { if (here) showHere(null); });

        function samePlace(children) {
            var first = children[0].getLatLng ? (children[0]._preSpiderfyLatlng || children[0].getLatLng()) : null;
            return children.every(function (m) {
                var ll = m._preSpiderfyLatlng || m.getLatLng();
                return ll.lat === first.lat && ll.lng === first.lng;
            });
        }

        // Zoom until the marker stands alone (or its co-located group can be spread out), then act.
        function reveal(i, done, again) {
            var m = markers[i];
            if (!cluster.hasLayer(m)) {
                // Summed in a grid cell: go closer first, where markercluster holds it.
                if (again) { done(); return; }
                map.once('moveend', function () { setTimeout(function () { reveal(i, done, true); }, 300); });
                map.flyTo(latlngOf(m), Math.max(map.getZoom() + 3, 8), {duration: 0.6});
                return;
            }
            var bottom = m.__parent, group = bottom;
            var alone = bottom._zoom + 1;
            var target;
            if (alone <= map.getMaxZoom()) {
                target = Math.max(map.getZoom(), alone);
            } else {
                while (group.__parent && group.__parent._childCount === bottom._childCount) group = group.__parent;
                target = Math.max(map.getZoom(), group._zoom);
            }
            // Close enough to see the place among its neighbours (the packaged tiles end at zoom 6).
            target = Math.min(map.getMaxZoom(), Math.max(target, 6));
            var finish = function () {
                if (m._map) { done(); return; }  // standing alone, or already spread out
                var shown = cluster.getVisibleParent(m);
                if (shown && shown.spiderfy) {
                    cluster.once('spiderfied', function () { done(); });
                    shown.spiderfy();
                } else {
                    done();
                }
            };
            var inView = map.getBounds().pad(-0.1).contains(m._preSpiderfyLatlng || m.getLatLng());
            if (target === map.getZoom() && inView) { finish(); return; }
            map.once('moveend', function () { setTimeout(finish, 400); });
            map.flyTo(m._preSpiderfyLatlng || m.getLatLng(), target, {duration: 0.6});
        }

        // ---------------------------------------------------------------- the event list
        var title = panel.querySelector('.nm-list-title'), list = panel.querySelector('.nm-rows');
        var allButton = panel.querySelector('.nm-list-all');
        var here = null, selected = null, visible = markers, LIST_LIMIT = 200;

        function order(a, b) {
            var da = d0[a.nm], db = d0[b.nm];
            if (da === db) return a.nm - b.nm;
            if (da === null || da === undefined) return 1;
            if (db === null || db === undefined) return -1;
            return db - da;
        }
        function rowHtml(i) {
            var p = P[i];
            return '<li data-i="' + i + '" tabindex="0"' + (i === selected ? ' class="nm-on"' : '') + '>'
                + '<i style="background:' + colours[p.t] + '"></i><b>' + p.p + '</b> <small>' + p.d + ' \u00b7 '
                + labels[p.t] + '</small><br><small>' + p.c + '</small></li>';
        }
        function renderList() {
            var shown;
            if (here) {
                shown = here.map(function (i) { return markers[i]; });
                title.textContent = here.length + ' events here';
            } else {
                var bounds = map.getBounds();
                shown = visible.filter(function (m) { return bounds.contains(latlngOf(m)); });
                title.textContent = shown.length + (shown.length === 1 ? ' event' : ' events') + ' in view';
            }
            allButton.hidden = !here;
            shown.sort(order);
            var ids = shown.slice(0, LIST_LIMIT).map(function (m) { return m.nm; });
            if (selected !== null && ids.indexOf(selected) < 0 && cluster.hasLayer(markers[selected])) ids.unshift(selected);
            var html = ids.map(rowHtml).join('');
            if (shown.length > LIST_LIMIT) html += '<li class="nm-more">and ' + (shown.length - LIST_LIMIT) + ' more: zoom in</li>';
            list.innerHTML = html;
        }
        function select(i) {
            selected = i;
            var row = list.querySelector('li[data-i="' + i + '"]');
            if (!row) { renderList(); row = list.querySelector('li[data-i="' + i + '"]'); }
            list.querySelectorAll('li.nm-on').forEach(function (r) { r.classList.remove('nm-on'); });
            if (row) { row.classList.add('nm-on'); row.scrollIntoView({block: 'nearest'}); }
        }
        function showHere(ids) { here = ids; renderList(); }
        allButton.addEventListener('click', function () { showHere(null); });
        function activate(event) {
            var row = event.target.closest('li[data-i]');
            if (!row) return;
            var i = +row.dataset.i;
            select(i);
            reveal(i, function () { openPopup(i); });
        }
        list.addEventListener('click', activate);
        list.addEventListener('keydown', function (event) { if (event.key === 'Enter') activate(event); });
        map.on('moveend', function () {
            if (visible.length > GRID_LIMIT) render();
            if (!here) renderList();
        });

        // ---------------------------------------------------------------- drawing
        function latlngOf(m) { return m._preSpiderfyLatlng || m._latlng; }
        function hold(list) {
            if (list.length !== held.length || list.some(function (m, k) { return m !== held[k]; })) {
                cluster.clearLayers();
                cluster.addLayers(list);
                held = list;
            }
        }
        function render() {
            grid.clearLayers();
            if (visible.length <= GRID_LIMIT) { hold(visible); return; }
            var bounds = map.getBounds().pad(0.25);
            var inView = visible.filter(function (m) { return bounds.contains(latlngOf(m)); });
            if (inView.length <= GRID_LIMIT) { hold(inView); return; }
            hold([]);
            var zoom = map.getZoom(), cells = new Map();
            inView.forEach(function (m) {
                var point = map.project(latlngOf(m), zoom);
                var key = Math.floor(point.x / GRID_PX) + ':' + Math.floor(point.y / GRID_PX);
                var cell = cells.get(key);
                if (cell) cell.push(m); else cells.set(key, [m]);
            });
            cells.forEach(function (members) {
                if (members.length === 1) { grid.addLayer(members[0]); return; }
                var lat = 0, lng = 0;
                members.forEach(function (m) { var ll = latlngOf(m); lat += ll.lat; lng += ll.lng; });
                var size = members.length < 10 ? 'small' : members.length < 100 ? 'medium' : 'large';
                var icon = L.divIcon({html: '<div><span>' + members.length + '</span></div>',
                                      className: 'marker-cluster marker-cluster-' + size, iconSize: [40, 40]});
                var cell = L.marker([lat / members.length, lng / members.length], {icon: icon, keyboard: false});
                cell.nmCell = members;
                grid.addLayer(cell);
            });
        }

        // ---------------------------------------------------------------- time
        var time = addTimeControl(map, d0, d1, function (start, end) {
            visible = start === null ? markers : markers.filter(function (m) {
                var a = d0[m.nm], b = d1[m.nm];
                return a !== null && a !== undefined && a <= end && b >= start;
            });
            map.closePopup();
            hideTip();
            here = null;
            render();
            renderList();
        });

        map.addLayer(grid);
        map.addLayer(cluster);
        render();
        renderList();
        // Ready once markers or clusters are drawn (not merely held): what the benchmark and tests wait for.
        var ready = function () {
            if (n && !cluster._featureGroup.getLayers().length && !grid.getLayers().length) {
                requestAnimationFrame(ready);
                return;
            }
            window.newsmapEvents = cluster;
            window.newsmap = {
                markers: markers, cluster: cluster, time: time, reveal: reveal, openPopup: openPopup,
                visibleCount: function () { return visible.length; }
            };
            window.newsmapReadyAt = performance.now();  // read by the dashboard benchmark
        };
        ready();
    }

    // A slider over days or weeks, with play/pause: the map shows the events of one period.
    function addTimeControl(map, d0, d1, apply) {
        var first = Infinity, last = -Infinity;
        for (var i = 0; i < d0.length; i++) {
            if (d0[i] === null || d0[i] === undefined) continue;
            first = Math.min(first, d0[i]);
            last = Math.max(last, d1[i]);
        }
        if (first === Infinity) return null;
        var state = {step: last - first > 62 ? 7 : 1, index: null, timer: null};
        var box = el('div', 'nm-time');
        box.innerHTML = '<button type="button" class="nm-play" title="Play" aria-label="Play">\u25b6</button>'
            + '<select class="nm-step" aria-label="Step"><option value="1">Day</option><option value="7">Week</option></select>'
            + '<input type="range" class="nm-slider" aria-label="Time" min="0" value="0">'
            + '<span class="nm-when">All dates</span>'
            + '<button type="button" class="nm-all-dates" title="Show all dates" hidden>All</button>';
        var play = box.querySelector('.nm-play'), step = box.querySelector('.nm-step');
        var slider = box.querySelector('.nm-slider'), when = box.querySelector('.nm-when');
        var reset = box.querySelector('.nm-all-dates');
        step.value = String(state.step);

        function origin() { return state.step === 7 ? first - ((first + 3) % 7 + 7) % 7 : first; }  // weeks start on Monday
        function count() { return Math.floor((last - origin()) / state.step) + 1; }
        function period(index) { var start = origin() + index * state.step; return [start, start + state.step - 1]; }
        function label(index) {
            var p = period(index);
            return state.step === 1 ? isoDay(p[0]) : isoDay(p[0]) + ' \u2013 ' + isoDay(p[1]);
        }
        function show(index) {
            state.index = index;
            reset.hidden = index === null;
            box.classList.toggle('nm-time-on', index !== null);
            if (index === null) {
                when.textContent = 'All dates';
                apply(null, null);
            } else {
                slider.value = String(index);
                when.textContent = label(index);
                var p = period(index);
                apply(p[0], p[1]);
            }
            control.current = index === null ? null : {index: index, start: isoDay(period(index)[0]), end: isoDay(period(index)[1])};
        }
        function stop() {
            if (state.timer) clearInterval(state.timer);
            state.timer = null;
            play.textContent = '\u25b6'; play.title = 'Play'; play.setAttribute('aria-label', 'Play');
        }
        function start() {
            if (state.index === null || state.index >= count() - 1) show(0);
            play.textContent = '\u23f8'; play.title = 'Pause'; play.setAttribute('aria-label', 'Pause');
            state.timer = setInterval(function () {
                if (state.index >= count() - 1) { stop(); return; }
                show(state.index + 1);
            }, 900);
        }
        function configure() { slider.max = String(count() - 1); }
        play.addEventListener('click', function () { if (state.timer) stop(); else start(); });
        slider.addEventListener('input', function () { stop(); show(+slider.value); });
        step.addEventListener('change', function () {
            var day = state.index === null ? null : period(state.index)[0];
            state.step = +step.value;
            configure();
            if (day !== null) show(Math.min(count() - 1, Math.floor((day - origin()) / state.step)));
        });
        reset.addEventListener('click', function () { stop(); show(null); });
        configure();
        var control = L.control({position: 'bottomleft'});
        control.onAdd = function () {
            L.DomEvent.disableClickPropagation(box);
            L.DomEvent.disableScrollPropagation(box);
            return box;
        };
        control.addTo(map);
        control.show = show;
        control.current = null;
        return control;
    }
})();
