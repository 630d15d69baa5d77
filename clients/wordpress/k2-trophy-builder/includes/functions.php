<?php
/**
 * Template functions for themes.
 *
 * @package K2_Trophy_Builder
 */

defined( 'ABSPATH' ) || exit;

/**
 * URL of a trophy's pre-rendered image for one combination, e.g. in a theme:
 *
 *     <img src="<?php echo esc_url( k2tb_image_url( get_the_ID(), array( 'base' => 'walnut', 'topper' => 'none' ), '-thumb' ) ); ?>">
 *
 * @param int    $post_id Trophy post id.
 * @param array  $choices Slot id => option id; slots not named take their default (the spec's `default`, else their first option); 'none' leaves an optional slot out.
 * @param string $suffix  '' for the full image, or a suffix from the spec's output.sizes.
 * @return string|null Null when the spec is unreadable or a choice is not in it.
 */
function k2tb_image_url( $post_id, array $choices = array(), $suffix = '' ) {
	return K2TB_Images::url( $post_id, $choices, $suffix );
}
