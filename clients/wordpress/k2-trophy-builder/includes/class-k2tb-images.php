<?php
/**
 * Where a trophy's rendered images are on the web.
 *
 * @package K2_Trophy_Builder
 */

defined( 'ABSPATH' ) || exit;

/**
 * Computes an image's URL from the trophy's spec the way the daemon computes its path (contracts.md sections 1, 2):
 * output.path filled in under the images URL, an extra size's suffix put before the extension.
 */
final class K2TB_Images {

	/**
	 * URL of one combination's image.
	 *
	 * @param int    $post_id Trophy post id.
	 * @param array  $choices Slot id => option id ('none' leaves an optional slot out); a slot not named takes its first option.
	 * @param string $suffix  '' for the full image, or the suffix of one of output.sizes.
	 * @return string|null Null when the spec is unreadable or a choice or suffix is not in it.
	 */
	public static function url( $post_id, array $choices = array(), $suffix = '' ) {
		$spec = json_decode( (string) get_post_meta( $post_id, K2TB_Flags::SPEC, true ), true, 64 );
		if ( ! is_array( $spec ) || ! isset( $spec['slug'], $spec['slots'] ) || ! is_array( $spec['slots'] ) ) {
			return null;
		}
		$output = isset( $spec['output'] ) && is_array( $spec['output'] ) ? $spec['output'] : array();
		$ext    = array(
			'png'  => 'png',
			'jpg'  => 'jpg',
			'webp' => 'webp',
		)[ $output['format'] ?? 'png' ] ?? null;
		if ( null === $ext || ( '' !== $suffix && ! self::has_size( $output, $suffix ) ) ) {
			return null;
		}

		$fill = array(
			'{slug}' => (string) $spec['slug'],
			'{ext}'  => $ext,
		);
		$key  = array();
		foreach ( $spec['slots'] as $slot ) {
			$chosen = self::choose( $slot, $choices );
			if ( null === $chosen ) {
				return null;
			}
			$key[]                         = $chosen;
			$fill[ '{' . $slot['id'] . '}' ] = $chosen;
		}
		$fill['{key}'] = implode( '_', $key );

		$path = strtr( (string) ( $output['path'] ?? '{slug}/{key}.{ext}' ), $fill );
		if ( '' !== $suffix ) {
			$slash = strrpos( $path, '/' );
			$dot   = strrpos( $path, '.' );
			$path  = false !== $dot && ( false === $slash || $dot > $slash ) ? substr( $path, 0, $dot ) . $suffix . substr( $path, $dot ) : $path . $suffix;
		}
		return K2TB_Settings::images_url() . '/' . implode( '/', array_map( 'rawurlencode', explode( '/', $path ) ) );
	}

	/**
	 * The option id chosen for a slot, or null when the choice is not one of its options.
	 *
	 * @param mixed $slot    A spec slot.
	 * @param array $choices Slot id => option id.
	 * @return string|null
	 */
	private static function choose( $slot, array $choices ) {
		if ( ! is_array( $slot ) || ! isset( $slot['id'], $slot['options'] ) || ! is_array( $slot['options'] ) || array() === $slot['options'] ) {
			return null;
		}
		$ids = array();
		foreach ( $slot['options'] as $option ) {
			if ( is_array( $option ) && isset( $option['id'] ) && is_string( $option['id'] ) ) {
				$ids[] = $option['id'];
			}
		}
		if ( ! empty( $slot['optional'] ) ) {
			$ids[] = 'none';
		}
		$chosen = $choices[ $slot['id'] ] ?? ( $ids[0] ?? null );
		return in_array( $chosen, $ids, true ) ? $chosen : null;
	}

	/**
	 * Whether output.sizes has a size with this suffix.
	 *
	 * @param array  $output The spec's output section.
	 * @param string $suffix A size suffix.
	 * @return bool
	 */
	private static function has_size( array $output, $suffix ) {
		foreach ( isset( $output['sizes'] ) && is_array( $output['sizes'] ) ? $output['sizes'] : array() as $size ) {
			if ( is_array( $size ) && ( $size['suffix'] ?? null ) === $suffix ) {
				return true;
			}
		}
		return false;
	}
}
