/* Reloads the K2 Builds page every 5 seconds while any build is requested or under way. */
( function () {
	if ( document.querySelector( '.k2tb-trophies tr[data-busy="1"]' ) ) {
		window.setTimeout( function () {
			window.location.reload();
		}, 5000 );
	}
} )();
