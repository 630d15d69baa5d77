/* The trophy builder (K2TB_Storefront): a change swaps the <img> to the pre-rendered file of the chosen key. */
( function () {
	'use strict';
	var MAX_PRELOADS = 12;

	function init( form ) {
		var c = JSON.parse( form.getAttribute( 'data-k2tb' ) ), img = form.querySelector( '.k2tb-image' );

		function field( slot ) {
			return form.elements[ 'k2[' + slot + ']' ];
		}
		function key() {
			return c.slots.map( function ( s ) { return field( s ).value; } ).join( '_' );
		}
		// The daemon's path (contracts.md 2): output.path filled in, a size's suffix before the extension.
		function url( k, suffix ) {
			var ids = k.split( '_' ), p = c.path.replace( /\{([a-z0-9-]+)\}/g, function ( m, n ) {
				var i = c.slots.indexOf( n );
				return n === 'key' ? k : ( i < 0 ? m : ids[ i ] );
			} ), dot = p.lastIndexOf( '.' );
			p = dot > p.lastIndexOf( '/' ) ? p.slice( 0, dot ) + suffix + p.slice( dot ) : p + suffix;
			return c.base + '/' + p;
		}
		function alt() {
			return c.name + ': ' + [].map.call( form.querySelectorAll( 'fieldset' ), function ( f ) {
				var s = f.querySelector( 'select' ), r = f.querySelector( 'input:checked' );
				return f.querySelector( 'legend' ).textContent + ': ' + ( s ? s.options[ s.selectedIndex ].text : r ? r.parentNode.textContent : '' );
			} ).join( ', ' );
		}
		// A file not there (not built yet, failed, deleted): the render-on-request URL once, then the placeholder.
		function fail( e ) {
			var t = e.target, fb = t.getAttribute( 'data-fb' );
			if ( t.tagName !== 'IMG' || t.getAttribute( 'src' ) === c.ph ) {
				return;
			}
			t.removeAttribute( 'srcset' );
			t.setAttribute( 'data-fb', '' );
			t.src = fb || c.ph;
		}
		// Only the size the browser chose is worth having ready: a swap to one of them then costs no request.
		function preload( slot ) {
			var k = key(), ids = k.split( '_' ), i = c.slots.indexOf( slot ), el = field( slot ), suffix = '', n = 0;
			c.sizes.forEach( function ( s ) {
				if ( url( k, s[ 0 ] ) === img.currentSrc ) {
					suffix = s[ 0 ];
				}
			} );
			[].forEach.call( el.options || el, function ( o ) {
				if ( o.value !== ids[ i ] && n++ < MAX_PRELOADS ) {
					var other = ids.slice();
					other[ i ] = o.value;
					new Image().src = url( other.join( '_' ), suffix );
				}
			} );
		}

		form.classList.add( 'k2tb-live' );
		form.addEventListener( 'error', fail, true );
		[].forEach.call( form.querySelectorAll( 'img' ), function ( i ) {
			if ( i.complete && ! i.naturalWidth ) {
				fail( { target: i } );
			}
		} );
		form.addEventListener( 'change', function ( e ) {
			var k = key(), u = new URL( window.location.href ), slot = e.target.name.slice( 3, -1 );
			img.setAttribute( 'data-fb', c.fb ? c.fb + k + '.' + c.ext : '' );
			img.srcset = c.sizes.map( function ( s ) { return url( k, s[ 0 ] ) + ' ' + s[ 1 ] + 'w'; } ).join( ', ' );
			img.src = url( k, '' );
			img.alt = alt();
			img.addEventListener( 'load', function () { preload( slot ); }, { once: true } );
			Array.from( u.searchParams.keys() ).forEach( function ( p ) {
				if ( p.indexOf( 'k2[' ) === 0 ) {
					u.searchParams.delete( p );
				}
			} );
			u.searchParams.set( 'trophy', c.slug );
			u.searchParams.set( 'k2', k );
			window.history.replaceState( null, '', u );
		} );
	}

	[].forEach.call( document.querySelectorAll( 'form.k2tb-builder' ), init );
} )();
