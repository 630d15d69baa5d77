/*
 * The visual trophy editor (docs/wordpress.md, "The trophy editor"). It edits the spec held in the meta box's JSON
 * textarea, which stays the one thing the form saves: every change here is written there, and typing there redraws
 * this. Plain DOM, no build step. Every drag has number fields beside it, and every problem is written out in text.
 */
(function () {
	'use strict';

	var root = document.getElementById('k2tb-editor');
	var area = document.getElementById('k2tb-spec');
	if (!root || !area) {
		return;
	}
	var config = JSON.parse(root.getAttribute('data-config') || '{}');
	var spec = null;
	var view = {};          // slot index -> option id shown in the live preview ('none' for an optional slot)
	var sizes = {};         // image path -> {w, h} once loaded, for the outside-the-canvas check
	var remote = [];        // the daemon's last problems
	var remoteCount = null; // the daemon's last combination count
	var checkTimer = 0;
	var checkSeq = 0;
	// Slots and options whose id follows their label: new ones, until their id is typed by hand.
	var following = new WeakSet();

	function el(tag, attrs, children) {
		var node = document.createElement(tag);
		Object.keys(attrs || {}).forEach(function (name) {
			if (name === 'text') {
				node.textContent = attrs[name];
			} else if (name.slice(0, 2) === 'on') {
				node.addEventListener(name.slice(2), attrs[name]);
			} else if (attrs[name] !== false && attrs[name] !== undefined && attrs[name] !== null) {
				node.setAttribute(name, attrs[name] === true ? '' : attrs[name]);
			}
		});
		(children || []).forEach(function (child) {
			if (child) {
				node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
			}
		});
		return node;
	}

	var uid = 0;
	/** A labelled input whose data-path names the spec field it edits, so the daemon's problems find it. */
	function field(label, path, attrs, onchange) {
		var id = 'k2tb-f' + (++uid);
		attrs = Object.assign({ id: id, 'data-path': path }, attrs);
		var input = el(attrs.tag || 'input', attrs);
		input.removeAttribute('tag');
		input.addEventListener(attrs.type === 'checkbox' || attrs.tag === 'select' || attrs.type === 'color' ? 'change' : 'input', function () {
			onchange(input);
			changed(false);
		});
		return el('span', { 'class': 'k2tb-field' }, [el('label', { 'for': id, text: label }), input]);
	}

	function button(text, onclick, attrs) {
		return el('button', Object.assign({ type: 'button', 'class': 'button', text: text, onclick: function (e) { e.preventDefault(); onclick(); changed(true); } }, attrs || {}));
	}

	/** contracts.md section 1: ids are [a-z0-9][a-z0-9-]{0,62}. */
	function idFrom(label) {
		var id = String(label).toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '');
		return id === '' || id === 'none' ? 'option' : id;
	}

	function uniqueId(base, taken) {
		var id = base, n = 2;
		while (taken.indexOf(id) >= 0) {
			id = base.slice(0, 60) + '-' + n++;
		}
		return id;
	}

	function read() {
		var text = area.value.trim();
		if (text === '') {
			return {
				slug: '', name: '', canvas: { width: 500, height: 500, background: 'transparent' }, assetRoot: '.',
				slots: [], output: { format: 'png', quality: 90, path: '{slug}/{key}.{ext}', sizes: [] }
			};
		}
		try {
			var parsed = JSON.parse(text);
			return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : null;
		} catch (e) {
			return null;
		}
	}

	function normalise(s) {
		s.canvas = s.canvas || { width: 500, height: 500 };
		s.slots = Array.isArray(s.slots) ? s.slots : [];
		s.slots.forEach(function (slot) { slot.options = Array.isArray(slot.options) ? slot.options : []; });
		s.output = s.output || {};
		return s;
	}

	function combinations() {
		return spec.slots.reduce(function (n, slot) { return n * (slot.options.length + (slot.optional ? 1 : 0)); }, spec.slots.length ? 1 : 0);
	}

	function shown(i) {
		var slot = spec.slots[i];
		var id = view[i];
		var ids = slot.options.map(function (o) { return o.id; });
		if (id === 'none' && slot.optional) {
			return 'none';
		}
		if (ids.indexOf(id) >= 0) {
			return id;
		}
		return slot['default'] && (ids.indexOf(slot['default']) >= 0 || (slot.optional && slot['default'] === 'none')) ? slot['default'] : (ids[0] || 'none');
	}

	function key() {
		return spec.slots.map(function (_, i) { return shown(i); }).join('_');
	}

	function imageUrl(path) {
		return config.uploadsUrl + '/' + String(spec.assetRoot && spec.assetRoot !== '.' ? spec.assetRoot.replace(/\/+$/, '') + '/' : '') + String(path).split('/').map(encodeURIComponent).join('/');
	}

	/** The editor's own checks, made at once as the editor types: what the daemon cannot see (layer placement). */
	function localProblems() {
		var problems = [];
		spec.slots.forEach(function (slot, i) {
			var seen = {};
			slot.options.forEach(function (option, j) {
				var path = '$.slots[' + i + '].options[' + j + ']';
				if (seen[option.id]) {
					problems.push({ path: path + '.id', message: "duplicate option id '" + option.id + "' (two options have this label or id)" });
				}
				seen[option.id] = true;
				var size = sizes[option.image];
				var x = Number(option.x || 0), y = Number(option.y || 0);
				if (size && (x >= spec.canvas.width || y >= spec.canvas.height || x + size.w <= 0 || y + size.h <= 0)) {
					problems.push({ path: path + '.x', message: 'the layer (' + size.w + ' × ' + size.h + ' at ' + x + ', ' + y + ') lies entirely outside the ' + spec.canvas.width + ' × ' + spec.canvas.height + ' canvas: nothing of it would show' });
				}
			});
		});
		return problems;
	}

	/** The field a problem's JSON path names, or its nearest enclosing part of the editor. */
	function target(path) {
		var p = path;
		for (;;) {
			var found = root.querySelector('[data-path="' + p.replace(/"/g, '\\"') + '"]');
			if (found) {
				return found;
			}
			var up = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
			if (up === p) {
				return root.querySelector('.k2tb-summary');
			}
			p = up;
		}
	}

	function showProblems() {
		root.querySelectorAll('.k2tb-problem').forEach(function (n) { n.remove(); });
		root.querySelectorAll('[aria-invalid]').forEach(function (n) { n.removeAttribute('aria-invalid'); n.removeAttribute('aria-describedby'); });
		// The daemon finds a duplicate id too; the editor's own note (said at once while typing) is enough.
		var local = localProblems();
		var all = local.concat(remote.filter(function (r) { return !local.some(function (l) { return l.path === r.path; }); }));
		all.forEach(function (problem, n) {
			var at = target(problem.path);
			var id = 'k2tb-problem-' + n;
			var note = el('p', { 'class': 'k2tb-problem', id: id, 'data-for': problem.path, text: 'Problem: ' + problem.message });
			if (at.matches('input, select, textarea')) {
				at.setAttribute('aria-invalid', 'true');
				at.setAttribute('aria-describedby', id);
				at.parentNode.appendChild(note);
			} else {
				at.appendChild(note);
			}
		});
		var count = combinations();
		root.querySelector('.k2tb-count').textContent = count.toLocaleString() + (count === 1 ? ' combination' : ' combinations') +
			(all.length ? '; ' + all.length + (all.length === 1 ? ' problem' : ' problems') + ' to fix before building' : '');
		showEstimate(count);
		root.querySelector('.k2tb-summary-list').replaceChildren.apply(root.querySelector('.k2tb-summary-list'),
			all.map(function (p) { return el('li', { text: p.path + ': ' + p.message }); }));
	}

	/** A duration in words: "under a second", "40 s", "3 min 20 s", "2 h 5 min". */
	function duration(seconds) {
		var s = Math.ceil(seconds);
		if (seconds < 1) {
			return 'under a second';
		}
		if (s < 60) {
			return s + ' s';
		}
		if (s < 3600) {
			return Math.floor(s / 60) + ' min' + (s % 60 ? ' ' + (s % 60) + ' s' : '');
		}
		return Math.floor(s / 3600) + ' h' + (Math.floor(s % 3600 / 60) ? ' ' + Math.floor(s % 3600 / 60) + ' min' : '');
	}

	/** The combination count divided by the daemon's recent rate (K2TB_Build_Rate), as the slots change. */
	function showEstimate(count) {
		var out = root.querySelector('.k2tb-estimate');
		var rate = config.rate || {};
		if (!rate.perS) {
			out.removeAttribute('data-seconds');
			out.textContent = 'Estimated build time: unknown, ' + (rate.why || 'the daemon\'s rate is not known') + '.';
			return;
		}
		if (count === 0) {
			out.removeAttribute('data-seconds');
			out.textContent = 'Estimated build time: nothing to build yet.';
			return;
		}
		var seconds = count / rate.perS;
		out.setAttribute('data-seconds', seconds.toFixed(1));
		out.setAttribute('data-rate', rate.perS);
		out.setAttribute('data-job', rate.job);
		out.textContent = 'Estimated build time: ' + (seconds < 1 ? '' : 'about ') + duration(seconds) + ' for all ' + count.toLocaleString() + ' images, at the daemon\'s recent rate of ' +
			rate.perS.toLocaleString() + ' images/s (build ' + rate.job + ').';
	}

	function post(action, data) {
		var body = new FormData();
		body.append('action', action);
		body.append('post_id', config.postId);
		body.append('nonce', config.nonce);
		Object.keys(data).forEach(function (k) { body.append(k, data[k]); });
		return fetch(config.ajaxUrl, { method: 'POST', body: body, credentials: 'same-origin' });
	}

	/** Asks the daemon's /validate (through the plugin) a moment after the last change; only the newest answer counts. */
	function scheduleCheck() {
		clearTimeout(checkTimer);
		var status = root.querySelector('.k2tb-check');
		status.textContent = 'Checking…';
		status.setAttribute('data-state', 'pending');
		checkTimer = setTimeout(function () {
			var seq = ++checkSeq;
			post('k2tb_validate', { spec: JSON.stringify(spec) }).then(function (r) { return r.json(); }).then(function (answer) {
				if (seq !== checkSeq) {
					return;
				}
				remote = Array.isArray(answer.problems) ? answer.problems : [];
				remoteCount = typeof answer.combinations === 'number' ? answer.combinations : null;
				status.textContent = answer.message ? answer.message : answer.ok ? 'Checked by the renderer: no problems.' : 'Checked by the renderer.';
				status.setAttribute('data-state', answer.ok ? 'ok' : 'problems');
				showProblems();
			}).catch(function (e) {
				if (seq === checkSeq) {
					status.textContent = 'The renderer could not check the spec: ' + e.message;
					status.setAttribute('data-state', 'error');
				}
			});
		}, 500);
	}

	/** A change from the editor: into the textarea, then redraw (structure) or only the preview and problems. */
	function changed(structural) {
		area.value = JSON.stringify(spec, null, 2);
		if (structural) {
			draw();
		} else {
			drawPreview();
			showProblems();
		}
		scheduleCheck();
	}

	function num(v, fallback) {
		var n = parseInt(v, 10);
		return isNaN(n) ? fallback : n;
	}

	function move(list, i, by) {
		var j = i + by;
		if (j >= 0 && j < list.length) {
			list.splice(j, 0, list.splice(i, 1)[0]);
		}
	}

	var frame = null;
	var choosing = null;
	/** One Media Library frame for the page (as WordPress's own screens do), pointed at the option being edited. */
	function chooseImage(option, after) {
		choosing = { option: option, after: after };
		if (!frame) {
			frame = wp.media({ title: 'Choose the layer image (PNG)', library: { type: 'image/png' }, multiple: false, button: { text: 'Use this image' } });
			frame.on('open', function () { frame.state().get('selection').reset(); });
			frame.on('select', function () {
				var chosen = frame.state().get('selection').first().toJSON();
				var base = config.uploadsUrl + '/' + (spec.assetRoot && spec.assetRoot !== '.' ? spec.assetRoot.replace(/\/+$/, '') + '/' : '');
				// Specs name images relative to the asset root, which docs/wordpress.md puts at the uploads folder.
				choosing.option.image = chosen.url.indexOf(base) === 0 ? decodeURIComponent(chosen.url.slice(base.length)) : chosen.url;
				if (chosen.width && chosen.height) {
					sizes[choosing.option.image] = { w: chosen.width, h: chosen.height };
				}
				choosing.after();
			});
		}
		frame.open();
	}

	function drawOption(slot, i, option, j) {
		var path = '$.slots[' + i + '].options[' + j + ']';
		var ids = function () { return slot.options.filter(function (o) { return o !== option; }).map(function (o) { return o.id; }); };
		var idInput;
		var labelField = field('Label', path + '.label', { type: 'text', value: option.label || '', maxlength: 100 }, function (input) {
			var auto = following.has(option) || !option.id || option.id === uniqueId(idFrom(option.label || ''), ids());
			option.label = input.value;
			if (option.label === '') {
				delete option.label;
			}
			// The id follows the label until it is edited by hand; unique in the slot, as the daemon requires.
			if (auto) {
				option.id = uniqueId(idFrom(input.value), ids());
				idInput.value = option.id;
			}
		});
		var idField = field('Id', path + '.id', { type: 'text', value: option.id || '' }, function (input) { option.id = input.value; following.delete(option); });
		idInput = idField.querySelector('input');
		var tintOn = typeof option.tint === 'string';
		return el('li', { 'class': 'k2tb-option', 'data-path': path }, [
			labelField, idField,
			el('span', { 'class': 'k2tb-field k2tb-image-field' }, [
				el('span', { 'class': 'k2tb-image-name', 'data-path': path + '.image', tabindex: '-1', text: option.image ? 'Image: ' + option.image : 'No image chosen' }),
				button(option.image ? 'Change image' : 'Choose image', function () {}, { 'class': 'button k2tb-choose', onclick: function (e) { e.preventDefault(); chooseImage(option, function () { changed(true); }); } })
			]),
			field('X', path + '.x', { type: 'number', value: option.x || 0, step: 1 }, function (input) { option.x = num(input.value, 0); }),
			field('Y', path + '.y', { type: 'number', value: option.y || 0, step: 1 }, function (input) { option.y = num(input.value, 0); }),
			field('Tint', path + '.tint.on', { type: 'checkbox', checked: tintOn }, function (input) {
				if (input.checked) { option.tint = '#ffffff'; } else { delete option.tint; }
				draw();
			}),
			tintOn ? field('Tint colour', path + '.tint', { type: 'color', value: option.tint }, function (input) { option.tint = input.value; }) : null,
			button('Up', function () { move(slot.options, j, -1); }, { 'aria-label': 'Move option ' + (option.label || option.id) + ' up', disabled: j === 0 }),
			button('Down', function () { move(slot.options, j, 1); }, { 'aria-label': 'Move option ' + (option.label || option.id) + ' down', disabled: j === slot.options.length - 1 }),
			button('Remove', function () { slot.options.splice(j, 1); }, { 'aria-label': 'Remove option ' + (option.label || option.id) })
		]);
	}

	function drawSlot(slot, i) {
		var path = '$.slots[' + i + ']';
		var name = slot.label || slot.id || 'slot ' + (i + 1);
		var defaults = [el('option', { value: '', text: '(first option)' })].concat(slot.options.map(function (o) { return el('option', { value: o.id, text: o.label || o.id, selected: slot['default'] === o.id }); }));
		if (slot.optional) {
			defaults.push(el('option', { value: 'none', text: 'None', selected: slot['default'] === 'none' }));
		}
		var defaultField = field('Shown first', path + '.default', { tag: 'select' }, function (input) { if (input.value) { slot['default'] = input.value; } else { delete slot['default']; } });
		defaults.forEach(function (o) { defaultField.querySelector('select').appendChild(o); });
		return el('fieldset', { 'class': 'k2tb-slot', 'data-path': path }, [
			el('legend', { text: 'Layer ' + (i + 1) + (i === 0 ? ' (bottom)' : '') + ': ' + name }),
			field('Label', path + '.label', { type: 'text', value: slot.label || '', maxlength: 100 }, function (input) {
				var auto = following.has(slot) || !slot.id || slot.id === idFrom(slot.label || '');
				slot.label = input.value;
				if (slot.label === '') { delete slot.label; }
				if (auto) {
					slot.id = uniqueId(idFrom(input.value), spec.slots.filter(function (s) { return s !== slot; }).map(function (s) { return s.id; }));
					root.querySelector('[data-path="' + path + '.id"]').value = slot.id;
				}
			}),
			field('Id', path + '.id', { type: 'text', value: slot.id || '' }, function (input) { slot.id = input.value; following.delete(slot); }),
			field('Optional (customers may leave it out)', path + '.optional', { type: 'checkbox', checked: !!slot.optional }, function (input) {
				if (input.checked) { slot.optional = true; } else { delete slot.optional; }
				draw();
			}),
			defaultField,
			el('span', { 'class': 'k2tb-slot-buttons' }, [
				button('Move up', function () { move(spec.slots, i, 1); }, { 'aria-label': 'Move layer ' + name + ' up (drawn later)', disabled: i === spec.slots.length - 1 }),
				button('Move down', function () { move(spec.slots, i, -1); }, { 'aria-label': 'Move layer ' + name + ' down (drawn earlier)', disabled: i === 0 }),
				button('Remove layer', function () { spec.slots.splice(i, 1); }, { 'aria-label': 'Remove layer ' + name })
			]),
			el('ol', { 'class': 'k2tb-options', 'data-path': path + '.options' }, slot.options.map(function (o, j) { return drawOption(slot, i, o, j); })),
			button('Add option', function () {
				var option = { id: uniqueId('option', slot.options.map(function (o) { return o.id; })), image: '', x: 0, y: 0 };
				following.add(option);
				slot.options.push(option);
			}, { 'class': 'button k2tb-add-option', 'aria-label': 'Add an option to ' + name })
		]);
	}

	function drawOutput() {
		var out = spec.output;
		out.sizes = Array.isArray(out.sizes) ? out.sizes : [];
		var format = field('Format', '$.output.format', { tag: 'select' }, function (input) { out.format = input.value; });
		['png', 'jpg', 'webp'].forEach(function (f) { format.querySelector('select').appendChild(el('option', { value: f, text: f, selected: (out.format || 'png') === f })); });
		return el('fieldset', { 'class': 'k2tb-output', 'data-path': '$.output' }, [
			el('legend', { text: 'Output' }),
			format,
			field('Quality (1–100)', '$.output.quality', { type: 'number', min: 1, max: 100, value: out.quality || 90 }, function (input) { out.quality = num(input.value, 90); }),
			el('ul', { 'class': 'k2tb-sizes', 'data-path': '$.output.sizes' }, out.sizes.map(function (size, n) {
				var p = '$.output.sizes[' + n + ']';
				return el('li', {}, [
					field('Thumbnail suffix', p + '.suffix', { type: 'text', value: size.suffix || '' }, function (input) { size.suffix = input.value; }),
					field('Width', p + '.width', { type: 'number', min: 1, value: size.width || 160 }, function (input) { size.width = num(input.value, 160); }),
					button('Remove size', function () { out.sizes.splice(n, 1); })
				]);
			})),
			button('Add thumbnail size', function () { out.sizes.push({ suffix: '-thumb' + (out.sizes.length ? '-' + (out.sizes.length + 1) : ''), width: 160 }); })
		]);
	}

	function drawPreview() {
		var box = root.querySelector('.k2tb-stage');
		var w = num(spec.canvas.width, 1), h = num(spec.canvas.height, 1);
		var scale = Math.min(1, 420 / Math.max(w, 1));
		box.style.width = (w * scale) + 'px';
		box.style.height = (h * scale) + 'px';
		box.style.background = /^#/.test(spec.canvas.background || '') ? spec.canvas.background : '';
		box.setAttribute('data-scale', scale);
		box.replaceChildren();
		spec.slots.forEach(function (slot, i) {
			var id = shown(i);
			var j = slot.options.map(function (o) { return o.id; }).indexOf(id);
			var option = slot.options[j];
			if (!option || !option.image) {
				return;
			}
			var img = el('img', { src: imageUrl(option.image), alt: '', draggable: 'false', 'class': 'k2tb-layer', 'data-slot': i, 'data-option': j });
			img.style.left = (Number(option.x || 0) * scale) + 'px';
			img.style.top = (Number(option.y || 0) * scale) + 'px';
			img.addEventListener('load', function () {
				img.style.width = (img.naturalWidth * scale) + 'px';
				var known = sizes[option.image];
				sizes[option.image] = { w: img.naturalWidth, h: img.naturalHeight };
				if (!known) {
					showProblems();
				}
			});
			drag(img, option, i, j, scale);
			box.appendChild(img);
		});
		var picks = root.querySelector('.k2tb-picks');
		picks.replaceChildren.apply(picks, spec.slots.map(function (slot, i) {
			var choices = slot.options.map(function (o) { return { id: o.id, text: o.label || o.id }; });
			if (slot.optional) {
				choices.push({ id: 'none', text: 'None' });
			}
			var id = 'k2tb-pick-' + i;
			var select = el('select', { id: id, 'data-slot': i, onchange: function () { view[i] = select.value; drawPreview(); } },
				choices.map(function (c) { return el('option', { value: c.id, text: c.text, selected: c.id === shown(i) }); }));
			return el('span', { 'class': 'k2tb-field' }, [el('label', { 'for': id, text: 'Preview ' + (slot.label || slot.id) }), select]);
		}));
		root.querySelector('.k2tb-key').textContent = 'Combination: ' + key();
	}

	/** Dragging a layer moves its option's x/y (canvas pixels); the number fields are the keyboard's way to the same. */
	function drag(img, option, i, j, scale) {
		img.addEventListener('pointerdown', function (down) {
			down.preventDefault();
			img.setPointerCapture(down.pointerId);
			var x0 = Number(option.x || 0), y0 = Number(option.y || 0);
			function moveTo(e) {
				option.x = Math.round(x0 + (e.clientX - down.clientX) / scale);
				option.y = Math.round(y0 + (e.clientY - down.clientY) / scale);
				img.style.left = (option.x * scale) + 'px';
				img.style.top = (option.y * scale) + 'px';
				var p = '$.slots[' + i + '].options[' + j + ']';
				root.querySelector('[data-path="' + p + '.x"]').value = option.x;
				root.querySelector('[data-path="' + p + '.y"]').value = option.y;
			}
			function up(e) {
				moveTo(e);
				img.removeEventListener('pointermove', moveTo);
				img.removeEventListener('pointerup', up);
				changed(false);
			}
			img.addEventListener('pointermove', moveTo);
			img.addEventListener('pointerup', up);
		});
	}

	function exactPreview() {
		var out = root.querySelector('.k2tb-exact');
		var note = root.querySelector('.k2tb-exact-note');
		note.textContent = 'Rendering ' + key() + '…';
		post('k2tb_preview', { spec: JSON.stringify(spec), key: key() }).then(function (r) {
			if (r.ok) {
				return r.blob().then(function (blob) {
					if (out.src) {
						URL.revokeObjectURL(out.src);
					}
					out.src = URL.createObjectURL(blob);
					out.alt = 'Exact preview of ' + key();
					out.setAttribute('data-key', key());
					note.textContent = 'Exact preview of ' + key() + ', rendered by the daemon as a build would.';
				});
			}
			return r.json().then(function (answer) {
				if (Array.isArray(answer.problems)) {
					remote = answer.problems;
					showProblems();
				}
				note.textContent = 'No preview: ' + (answer.message || answer.error || r.status) + (answer.problems ? ' (see the problems listed)' : '');
			});
		}).catch(function (e) { note.textContent = 'No preview: ' + e.message; });
	}

	function draw() {
		uid = 0;
		var canvas = spec.canvas;
		var transparent = !canvas.background || canvas.background === 'transparent';
		root.replaceChildren(
			el('div', { 'class': 'k2tb-editor-form' }, [
				el('fieldset', { 'data-path': '$' }, [
					el('legend', { text: 'Trophy' }),
					field('Slug', '$.slug', { type: 'text', value: spec.slug || '' }, function (input) { spec.slug = input.value; }),
					field('Name', '$.name', { type: 'text', value: spec.name || '' }, function (input) { spec.name = input.value; })
				]),
				el('fieldset', { 'data-path': '$.canvas' }, [
					el('legend', { text: 'Canvas' }),
					field('Width', '$.canvas.width', { type: 'number', min: 1, max: 8192, value: canvas.width }, function (input) { canvas.width = num(input.value, 1); }),
					field('Height', '$.canvas.height', { type: 'number', min: 1, max: 8192, value: canvas.height }, function (input) { canvas.height = num(input.value, 1); }),
					field('Transparent background', '$.canvas.background.transparent', { type: 'checkbox', checked: transparent }, function (input) {
						canvas.background = input.checked ? 'transparent' : '#ffffff';
						draw();
					}),
					transparent ? null : field('Background colour', '$.canvas.background', { type: 'color', value: canvas.background.slice(0, 7) }, function (input) { canvas.background = input.value; })
				]),
				el('h3', { text: 'Layers, bottom first' }),
				el('div', { 'class': 'k2tb-slots' }, spec.slots.map(drawSlot)),
				button('Add layer', function () {
					var id = uniqueId('layer', spec.slots.map(function (s) { return s.id; }));
					var slot = { id: id, options: [] };
					following.add(slot);
					spec.slots.push(slot);
				}, { 'class': 'button k2tb-add-slot' }),
				drawOutput()
			]),
			el('div', { 'class': 'k2tb-editor-side' }, [
				el('p', { 'class': 'k2tb-count', 'aria-live': 'polite' }),
				el('p', { 'class': 'k2tb-estimate' }),
				el('p', { 'class': 'k2tb-check', 'aria-live': 'polite' }),
				el('div', { 'class': 'k2tb-summary', 'data-path': '$' }, [el('ul', { 'class': 'k2tb-summary-list' })]),
				el('h3', { text: 'Live preview (drag a layer to place it)' }),
				el('p', { 'class': 'description', text: 'Layers are stacked as they are, without tints; the exact preview renders them as a build does.' }),
				el('div', { 'class': 'k2tb-picks' }),
				el('div', { 'class': 'k2tb-stage' }),
				el('p', { 'class': 'k2tb-key' }),
				button('Exact preview', exactPreview, { 'class': 'button k2tb-exact-button', onclick: function (e) { e.preventDefault(); exactPreview(); } }),
				el('p', { 'class': 'k2tb-exact-note', 'aria-live': 'polite', text: config.configured ? '' : 'The exact preview and the renderer\'s check need the image endpoint\'s token under Settings > K2 Trophy Builder.' }),
				el('img', { 'class': 'k2tb-exact', alt: '' })
			])
		);
		drawPreview();
		showProblems();
	}

	function fromText() {
		var parsed = read();
		if (parsed === null) {
			root.replaceChildren(el('p', { 'class': 'k2tb-problem', text: 'The JSON below is not a valid spec object; the visual editor returns when it is.' }));
			spec = null;
			return;
		}
		spec = normalise(parsed);
		draw();
		scheduleCheck();
	}

	// Typing in the JSON view redraws the editor: both stay in step, the textarea being what is saved.
	area.addEventListener('input', function () { clearTimeout(area.k2tbTimer); area.k2tbTimer = setTimeout(fromText, 400); });
	root.classList.add('k2tb-live');
	fromText();
}());
