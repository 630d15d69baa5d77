<?php
/**
 * What a trophy may ask the daemon for, checked before a spec is saved and before a build is requested.
 *
 * @package K2_Trophy_Builder
 */

defined( 'ABSPATH' ) || exit;

/**
 * The site's rules for trophies beyond the spec's own (contracts.md section 1, which the daemon checks): only
 * published trophies are built, each writes only into its own folder under a slug no other trophy has, and no build
 * is larger than the ceilings. The daemon checks the same again (docs/wordpress.md); these checks give the editor the
 * reason at once instead of a failed build later.
 */
final class K2TB_Rules {

	/**
	 * Every output path begins so: with a unique slug, a trophy's images cannot land in another trophy's folder.
	 */
	const FOLDER_PREFIX = '{slug}/';

	/**
	 * output.path when the spec leaves it out, as the daemon fills it in.
	 */
	const DEFAULT_PATH = '{slug}/{key}.{ext}';

	/**
	 * The post status of the only trophies that are built.
	 */
	const PUBLISHED = 'publish';

	/**
	 * Why this trophy's build may not be requested now, or null: it is not published, or its saved spec breaks a rule.
	 *
	 * @param int $post_id Trophy post id.
	 * @return array{code: string, message: string}|null code is 'unpublished' or 'spec_refused'.
	 */
	public static function build_refusal( $post_id ) {
		$status = (string) get_post_status( $post_id );
		if ( self::PUBLISHED !== $status ) {
			return array(
				'code'    => 'unpublished',
				'message' => self::unpublished_message( $status ),
			);
		}
		$spec     = json_decode( (string) get_post_meta( $post_id, K2TB_Flags::SPEC, true ), true, 64 );
		$problems = is_array( $spec ) ? self::spec_problems( $post_id, $spec, true ) : array();
		if ( array() !== $problems ) {
			return array(
				'code'    => 'spec_refused',
				/* translators: %s: the rules the spec breaks, separated by semicolons */
				'message' => sprintf( __( 'Not requested: %s.', 'k2-trophy-builder' ), implode( '; ', $problems ) ),
			);
		}
		return null;
	}

	/**
	 * The notice for a build refused because the trophy is not published.
	 *
	 * @param string $status The trophy's post status.
	 * @return string
	 */
	public static function unpublished_message( $status ) {
		$object = get_post_status_object( $status );
		return sprintf(
			/* translators: %s: the trophy's post status, e.g. Draft */
			__( 'Only published trophies are built: this one is %s. Publish it, then build.', 'k2-trophy-builder' ),
			null !== $object ? $object->label : $status
		);
	}

	/**
	 * The site's rules a decoded spec breaks, as plain sentences; empty when it keeps them. Parts the daemon's own
	 * rules refuse (a slug that is no id, a canvas that is no number, ...) are left to it.
	 *
	 * @param int   $post_id    The trophy the spec is for.
	 * @param array $spec       The decoded spec.
	 * @param bool  $for_build  True: only an older trophy's slug counts (it keeps it, as the daemon decides); false, when
	 *                          saving: any other trophy's, so a slug in use cannot be taken.
	 * @return string[]
	 */
	public static function spec_problems( $post_id, array $spec, $for_build ) {
		$problems = array();
		$output   = isset( $spec['output'] ) && is_array( $spec['output'] ) ? $spec['output'] : array();
		$path     = $output['path'] ?? self::DEFAULT_PATH;
		if ( is_string( $path ) ) {
			$path_problem = self::path_problem( $path );
			if ( null !== $path_problem ) {
				$problems[] = $path_problem;
			}
		}

		if ( isset( $spec['slug'] ) && is_string( $spec['slug'] ) && '' !== $spec['slug'] ) {
			$owner = self::slug_owner( $post_id, $spec['slug'], $for_build );
			if ( null !== $owner ) {
				$problems[] = sprintf(
					/* translators: 1: the slug, 2: the other trophy's title, 3: its post id */
					__( "the slug '%1\$s' is already used by the trophy '%2\$s' (post %3\$d); slugs are unique across trophies, or one would overwrite the other's images", 'k2-trophy-builder' ),
					$spec['slug'],
					get_the_title( $owner ),
					$owner
				);
			}
		}

		$ceilings = self::ceilings();
		$canvas   = isset( $spec['canvas'] ) && is_array( $spec['canvas'] ) ? $spec['canvas'] : array();
		if ( is_int( $canvas['width'] ?? null ) && is_int( $canvas['height'] ?? null ) && $canvas['width'] * $canvas['height'] > $ceilings['max_pixels'] ) {
			$problems[] = sprintf(
				/* translators: 1: width, 2: height, 3: their product, 4: the ceiling */
				__( 'the canvas is %1$d × %2$d = %3$s pixels per image, over the ceiling of %4$s (WordPress:MaxPixelsPerImage)', 'k2-trophy-builder' ),
				$canvas['width'],
				$canvas['height'],
				number_format_i18n( $canvas['width'] * $canvas['height'] ),
				number_format_i18n( $ceilings['max_pixels'] )
			);
		}

		$combinations = self::combinations( $spec );
		if ( $combinations > $ceilings['max_combinations'] ) {
			$problems[] = sprintf(
				/* translators: 1: combinations of the spec, 2: the ceiling */
				__( 'the spec has %1$s combinations, over the ceiling of %2$s (WordPress:MaxCombinations)', 'k2-trophy-builder' ),
				PHP_INT_MAX === $combinations ? __( 'more than 9.2 quintillion', 'k2-trophy-builder' ) : number_format_i18n( $combinations ),
				number_format_i18n( $ceilings['max_combinations'] )
			);
		}
		return $problems;
	}

	/**
	 * The ceilings, from the plugin's settings (which should agree with the daemon's WordPress section).
	 *
	 * @return array{max_pixels: int, max_combinations: int}
	 */
	public static function ceilings() {
		$settings = K2TB_Settings::get();
		return array(
			'max_pixels'       => (int) $settings['max_pixels'],
			'max_combinations' => (int) $settings['max_combinations'],
		);
	}

	/**
	 * Why an output.path may not be used, or null.
	 *
	 * @param string $path The template.
	 * @return string|null
	 */
	private static function path_problem( $path ) {
		if ( 0 !== strpos( $path, self::FOLDER_PREFIX ) ) {
			/* translators: %s: the spec's output.path */
			return sprintf( __( "output.path must begin with {slug}/ (a trophy writes only into its own folder), is '%s'", 'k2-trophy-builder' ), $path );
		}
		foreach ( explode( '/', $path ) as $segment ) {
			if ( in_array( $segment, array( '', '.', '..' ), true ) || false !== strpos( $segment, '\\' ) ) {
				/* translators: %s: the spec's output.path */
				return sprintf( __( "output.path must not have an empty, '.' or '..' part or a backslash, is '%s'", 'k2-trophy-builder' ), $path );
			}
		}
		return null;
	}

	/**
	 * The trophy that has this slug besides $post_id, or null. Trashed trophies and auto-drafts count for nothing.
	 * The slug is read by the database's JSON functions, as the daemon reads it, so escapes in the JSON cannot hide it.
	 *
	 * @param int    $post_id    The trophy asking.
	 * @param string $slug       The slug.
	 * @param bool   $older_only Only trophies created before $post_id.
	 * @return int|null The oldest such trophy's post id.
	 */
	private static function slug_owner( $post_id, $slug, $older_only ) {
		global $wpdb;
		$other = $older_only ? 'p.ID < %d' : 'p.ID <> %d';
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- $other is one of two fixed strings; a live answer is wanted.
		$owner = $wpdb->get_var(
			$wpdb->prepare(
				"SELECT p.ID FROM {$wpdb->posts} p JOIN {$wpdb->postmeta} m ON m.post_id = p.ID
				 WHERE p.post_type = %s AND {$other} AND p.post_status NOT IN ( 'trash', 'auto-draft' ) AND m.meta_key = %s
				   AND CASE WHEN JSON_VALID( m.meta_value ) THEN JSON_UNQUOTE( JSON_EXTRACT( m.meta_value, '$.slug' ) ) END = %s
				 ORDER BY p.ID LIMIT 1",
				K2TB_Post_Type::NAME,
				$post_id,
				K2TB_Flags::SPEC,
				$slug
			)
		);
		return null === $owner ? null : (int) $owner;
	}

	/**
	 * The number of combinations: the product of the slots' choice counts (options, plus none when optional);
	 * PHP_INT_MAX when larger.
	 *
	 * @param array $spec The decoded spec.
	 * @return int
	 */
	private static function combinations( array $spec ) {
		if ( ! isset( $spec['slots'] ) || ! is_array( $spec['slots'] ) || array() === $spec['slots'] ) {
			return 0;
		}
		$total = 1;
		foreach ( $spec['slots'] as $slot ) {
			$options = is_array( $slot ) && isset( $slot['options'] ) && is_array( $slot['options'] ) ? count( $slot['options'] ) : 0;
			$choices = max( 1, $options + ( is_array( $slot ) && ! empty( $slot['optional'] ) ? 1 : 0 ) );
			$total   = $total > intdiv( PHP_INT_MAX, $choices ) ? PHP_INT_MAX : $total * $choices;
		}
		return $total;
	}
}
