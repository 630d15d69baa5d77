<?php
/**
 * Where a trophy's rendered images are, on the web and on disk.
 *
 * @package K2_Trophy_Builder
 */

defined( 'ABSPATH' ) || exit;

/**
 * Computes an image's URL from the trophy's spec the way the daemon computes its path (contracts.md sections 1, 2):
 * output.path filled in under the images URL, an extra size's suffix put before the extension. When the file is not
 * there (not built yet, failed, deleted) pages use the render-on-request endpoint's URL (images-endpoint.md), which
 * takes {slug}/{key}{suffix}.{ext} whatever output.path is, or a "being prepared" picture.
 */
final class K2TB_Images {

	/**
	 * URL of one combination's image.
	 *
	 * @param int    $post_id Trophy post id.
	 * @param array  $choices Slot id => option id ('none' leaves an optional slot out); a slot not named takes its
	 *                        default (the spec's `default`, else its first option).
	 * @param string $suffix  '' for the full image, or the suffix of one of output.sizes.
	 * @return string|null Null when the spec is unreadable or a choice or suffix is not in it.
	 */
	public static function url( $post_id, array $choices = array(), $suffix = '' ) {
		$spec = K2TB_Combinations::of( $post_id );
		if ( null === $spec || ( '' !== $suffix && ! isset( $spec['sizes'][ $suffix ] ) ) ) {
			return null;
		}
		$chosen = K2TB_Combinations::complete( $spec, $choices );
		return null === $chosen ? null : self::static_url( $spec, $chosen, $suffix );
	}

	/**
	 * URL of the pre-rendered file.
	 *
	 * @param array  $spec    From K2TB_Combinations::of().
	 * @param array  $choices A complete combination.
	 * @param string $suffix  '' or a size suffix.
	 * @return string
	 */
	public static function static_url( array $spec, array $choices, $suffix = '' ) {
		return K2TB_Settings::images_url() . '/' . self::encode( K2TB_Combinations::path( $spec, $choices, $suffix ) );
	}

	/**
	 * URL of the render-on-request endpoint for this image, or '' when none is configured.
	 *
	 * @param array  $spec    From K2TB_Combinations::of().
	 * @param array  $choices A complete combination.
	 * @param string $suffix  '' or a size suffix.
	 * @return string
	 */
	public static function fallback_url( array $spec, array $choices, $suffix = '' ) {
		$base = K2TB_Settings::fallback_url();
		return '' === $base ? '' : $base . '/' . self::encode( $spec['slug'] . '/' . K2TB_Combinations::key( $choices ) . $suffix . '.' . $spec['ext'] );
	}

	/**
	 * Whether the pre-rendered file is on disk.
	 *
	 * @param array  $spec    From K2TB_Combinations::of().
	 * @param array  $choices A complete combination.
	 * @param string $suffix  '' or a size suffix.
	 * @return bool
	 */
	public static function exists( array $spec, array $choices, $suffix = '' ) {
		return is_file( K2TB_Settings::images_dir() . '/' . K2TB_Combinations::path( $spec, $choices, $suffix ) );
	}

	/**
	 * The picture shown while an image is not available anywhere.
	 *
	 * @return string
	 */
	public static function placeholder_url() {
		return plugins_url( 'assets/preparing.svg', K2TB_FILE );
	}

	/**
	 * Percent-encodes each segment of a path, keeping its slashes.
	 *
	 * @param string $path A relative path.
	 * @return string
	 */
	private static function encode( $path ) {
		return implode( '/', array_map( 'rawurlencode', explode( '/', $path ) ) );
	}
}
