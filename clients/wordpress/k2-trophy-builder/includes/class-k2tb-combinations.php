<?php
/**
 * A trophy's combinations as the spec defines them (contracts.md section 1): slots, labels, defaults, keys, paths.
 *
 * @package K2_Trophy_Builder
 */

defined( 'ABSPATH' ) || exit;

/**
 * The one place that reads a spec for the site's pages: the builder, k2tb_image_url() and the admin grid all pick
 * combinations here, so they agree on defaults and keys with each other and with the daemon.
 */
final class K2TB_Combinations {

	const FORMATS = array(
		'png'  => 'png',
		'jpg'  => 'jpg',
		'webp' => 'webp',
	);

	/**
	 * The trophy's spec, checked for what a page needs, or null when it is unreadable. The daemon checks every rule
	 * when it builds; a spec it refused has no images anyway, so only the shape is checked here.
	 *
	 * @param int $post_id Trophy post id.
	 * @return array|null slug, name, width, height, ext, path, sizes (suffix => width), slots (each: id, label,
	 *                    optional, default, options: id => label).
	 */
	public static function of( $post_id ) {
		$spec = json_decode( (string) get_post_meta( $post_id, K2TB_Flags::SPEC, true ), true, 64 );
		if ( ! is_array( $spec ) || ! isset( $spec['slug'], $spec['slots'] ) || ! is_string( $spec['slug'] ) || ! is_array( $spec['slots'] ) ) {
			return null;
		}
		$output = isset( $spec['output'] ) && is_array( $spec['output'] ) ? $spec['output'] : array();
		$ext    = self::FORMATS[ $output['format'] ?? 'png' ] ?? null;
		if ( null === $ext ) {
			return null;
		}
		$sizes = array();
		foreach ( isset( $output['sizes'] ) && is_array( $output['sizes'] ) ? $output['sizes'] : array() as $size ) {
			if ( is_array( $size ) && isset( $size['suffix'], $size['width'] ) && is_string( $size['suffix'] ) && is_int( $size['width'] ) ) {
				$sizes[ $size['suffix'] ] = $size['width'];
			}
		}
		$slots = array();
		foreach ( $spec['slots'] as $slot ) {
			$slot = self::slot( $slot );
			if ( null === $slot ) {
				return null;
			}
			$slots[] = $slot;
		}
		$canvas = isset( $spec['canvas'] ) && is_array( $spec['canvas'] ) ? $spec['canvas'] : array();
		return array(
			'slug'   => $spec['slug'],
			'name'   => isset( $spec['name'] ) && is_string( $spec['name'] ) ? $spec['name'] : get_the_title( $post_id ),
			'width'  => (int) ( $canvas['width'] ?? 0 ),
			'height' => (int) ( $canvas['height'] ?? 0 ),
			'ext'    => $ext,
			'path'   => is_string( $output['path'] ?? null ) ? $output['path'] : '{slug}/{key}.{ext}',
			'sizes'  => $sizes,
			'slots'  => $slots,
		);
	}

	/**
	 * The combination a page shows first: each slot's default, else its first option.
	 *
	 * @param array $spec From of().
	 * @return array Slot id => option id.
	 */
	public static function defaults( array $spec ) {
		$choices = array();
		foreach ( $spec['slots'] as $slot ) {
			$choices[ $slot['id'] ] = $slot['default'];
		}
		return $choices;
	}

	/**
	 * A full combination: the defaults overridden by $choices.
	 *
	 * @param array $spec    From of().
	 * @param array $choices Slot id => option id; slots not named keep their default.
	 * @return array|null Slot id => option id in slot order; null when a choice is not one of its slot's.
	 */
	public static function complete( array $spec, array $choices ) {
		$chosen = self::defaults( $spec );
		foreach ( $spec['slots'] as $slot ) {
			if ( array_key_exists( $slot['id'], $choices ) ) {
				if ( ! is_string( $choices[ $slot['id'] ] ) || ! in_array( $choices[ $slot['id'] ], self::choice_ids( $slot ), true ) ) {
					return null;
				}
				$chosen[ $slot['id'] ] = $choices[ $slot['id'] ];
			}
		}
		return $chosen;
	}

	/**
	 * The combination a key names, or null when it names none of the trophy's.
	 *
	 * @param array  $spec From of().
	 * @param string $key  Option ids in slot order joined by '_'.
	 * @return array|null Slot id => option id.
	 */
	public static function from_key( array $spec, $key ) {
		$ids = explode( '_', (string) $key );
		if ( count( $ids ) !== count( $spec['slots'] ) ) {
			return null;
		}
		return self::complete( $spec, array_combine( array_column( $spec['slots'], 'id' ), $ids ) );
	}

	/**
	 * The combination's key.
	 *
	 * @param array $choices A complete combination.
	 * @return string
	 */
	public static function key( array $choices ) {
		return implode( '_', $choices );
	}

	/**
	 * The image's path below the output root, as the daemon writes it (contracts.md section 2), unencoded.
	 *
	 * @param array  $spec    From of().
	 * @param array  $choices A complete combination.
	 * @param string $suffix  '' or one of the spec's size suffixes.
	 * @return string
	 */
	public static function path( array $spec, array $choices, $suffix = '' ) {
		$fill = array(
			'{slug}' => $spec['slug'],
			'{ext}'  => $spec['ext'],
			'{key}'  => self::key( $choices ),
		);
		foreach ( $choices as $slot => $option ) {
			$fill[ '{' . $slot . '}' ] = $option;
		}
		$path = strtr( $spec['path'], $fill );
		if ( '' === $suffix ) {
			return $path;
		}
		$slash = strrpos( $path, '/' );
		$dot   = strrpos( $path, '.' );
		return false !== $dot && ( false === $slash || $dot > $slash ) ? substr( $path, 0, $dot ) . $suffix . substr( $path, $dot ) : $path . $suffix;
	}

	/**
	 * The choices of a slot: its option ids, then 'none' when it is optional.
	 *
	 * @param array $slot A slot from of().
	 * @return string[]
	 */
	public static function choice_ids( array $slot ) {
		$ids = array_map( 'strval', array_keys( $slot['options'] ) );
		if ( $slot['optional'] ) {
			$ids[] = 'none';
		}
		return $ids;
	}

	/**
	 * How many combinations the trophy has.
	 *
	 * @param array $spec From of().
	 * @return int
	 */
	public static function count( array $spec ) {
		$count = 1;
		foreach ( $spec['slots'] as $slot ) {
			$count *= count( self::choice_ids( $slot ) );
		}
		return $count;
	}

	/**
	 * The combination at an index: mixed radix, the last slot varying fastest, as the daemon numbers them.
	 *
	 * @param array $spec  From of().
	 * @param int   $index 0 .. count() - 1.
	 * @return array Slot id => option id.
	 */
	public static function at( array $spec, $index ) {
		$choices = array();
		foreach ( array_reverse( $spec['slots'] ) as $slot ) {
			$ids                    = self::choice_ids( $slot );
			$choices[ $slot['id'] ] = $ids[ $index % count( $ids ) ];
			$index                  = intdiv( $index, count( $ids ) );
		}
		return array_reverse( $choices, true );
	}

	/**
	 * A spec slot reduced to what pages use, or null when it lacks an id or options.
	 *
	 * @param mixed $slot A slot of the spec.
	 * @return array|null
	 */
	private static function slot( $slot ) {
		if ( ! is_array( $slot ) || ! isset( $slot['id'], $slot['options'] ) || ! is_string( $slot['id'] ) || ! is_array( $slot['options'] ) ) {
			return null;
		}
		$options = array();
		foreach ( $slot['options'] as $option ) {
			if ( is_array( $option ) && isset( $option['id'] ) && is_string( $option['id'] ) ) {
				$options[ $option['id'] ] = is_string( $option['label'] ?? null ) ? $option['label'] : $option['id'];
			}
		}
		if ( array() === $options ) {
			return null;
		}
		$optional = ! empty( $slot['optional'] );
		$default  = is_string( $slot['default'] ?? null ) ? $slot['default'] : (string) array_key_first( $options );
		if ( ! isset( $options[ $default ] ) && ! ( $optional && 'none' === $default ) ) {
			return null;
		}
		return array(
			'id'       => $slot['id'],
			'label'    => is_string( $slot['label'] ?? null ) ? $slot['label'] : $slot['id'],
			'optional' => $optional,
			'default'  => $default,
			'options'  => $options,
		);
	}
}
