<?php
/**
 * The trophy post type.
 *
 * @package K2_Trophy_Builder
 */

defined( 'ABSPATH' ) || exit;

/**
 * Registers the post type whose posts the daemon polls (contracts.md section 4).
 */
final class K2TB_Post_Type {

	/**
	 * Post type key; the daemon's WordPress:PostType must match it.
	 */
	const NAME = 'k2_trophy';

	/**
	 * Registers the post type on init.
	 */
	public static function register() {
		register_post_type(
			self::NAME,
			array(
				'labels'          => array(
					'name'          => __( 'Trophies', 'k2-trophy-builder' ),
					'singular_name' => __( 'Trophy', 'k2-trophy-builder' ),
					'add_new_item'  => __( 'Add New Trophy', 'k2-trophy-builder' ),
					'edit_item'     => __( 'Edit Trophy', 'k2-trophy-builder' ),
					'all_items'     => __( 'All Trophies', 'k2-trophy-builder' ),
				),
				'public'          => true,
				'show_in_rest'    => false,
				'menu_icon'       => 'dashicons-awards',
				'supports'        => array( 'title', 'editor', 'thumbnail' ),
				'has_archive'     => false,
				'rewrite'         => array( 'slug' => 'trophy' ),
				'capability_type' => 'post',
			)
		);
	}

	/**
	 * On activation: register the type so its permalinks exist, then rebuild the rewrite rules.
	 */
	public static function activate() {
		self::register();
		flush_rewrite_rules();
	}

	/**
	 * Whether a post id names a trophy.
	 *
	 * @param int $post_id Post id.
	 * @return bool
	 */
	public static function is_trophy( $post_id ) {
		return $post_id > 0 && self::NAME === get_post_type( $post_id );
	}
}
