<?php
/**
 * Dependencies of editor.js, in the form a build step would write them (there is none: the script is plain).
 *
 * @package K2_Trophy_Builder
 */

return array(
	'dependencies' => array( 'wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-server-side-render' ),
	'version'      => '1.0.0',
);
