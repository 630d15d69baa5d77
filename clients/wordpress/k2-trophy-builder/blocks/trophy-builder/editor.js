/* The block's editor side: a text field for the trophy and the server's own render (no build step). */
( function ( wp ) {
	var el = wp.element.createElement;
	wp.blocks.registerBlockType( 'k2/trophy-builder', {
		edit: function ( props ) {
			return el( 'div', wp.blockEditor.useBlockProps(),
				el( wp.blockEditor.InspectorControls, null,
					el( wp.components.PanelBody, { title: 'Trophy' },
						el( wp.components.TextControl, {
							label: 'Trophy (slug or post id)',
							value: props.attributes.trophy,
							onChange: function ( v ) { props.setAttributes( { trophy: v } ); }
						} ) ) ),
				el( wp.serverSideRender, { block: 'k2/trophy-builder', attributes: props.attributes } ) );
		},
		save: function () { return null; }
	} );
} )( window.wp );
