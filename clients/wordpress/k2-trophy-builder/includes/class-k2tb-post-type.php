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
	 * The trophies' own primitive capabilities (capability_type k2_trophy / k2_trophies with map_meta_cap). A built
	 * trophy overwrites published images, so rights over trophies are not those over posts: a contributor, who may
	 * write posts, must not be able to have images rendered.
	 */
	const CAPS = array(
		'edit_k2_trophies',
		'edit_others_k2_trophies',
		'edit_private_k2_trophies',
		'edit_published_k2_trophies',
		'publish_k2_trophies',
		'read_private_k2_trophies',
		'delete_k2_trophies',
		'delete_others_k2_trophies',
		'delete_private_k2_trophies',
		'delete_published_k2_trophies',
	);

	/**
	 * Roles given CAPS on activation.
	 */
	const ROLES = array( 'administrator', 'editor' );

	/**
	 * Option holding the version of CAPS last granted, so a plugin update that is not re-activated grants them too.
	 */
	const CAPS_OPTION = 'k2tb_caps_version';

	const CAPS_VERSION = '1';

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
				'capability_type' => array( 'k2_trophy', 'k2_trophies' ),
				'map_meta_cap'    => true,
			)
		);
	}

	/**
	 * The edit screen's notices after a save, in the trophy's words: WordPress falls back to "Post published." for a
	 * type without its own. Keys are core's message numbers (wp-admin/edit-form-advanced.php).
	 *
	 * @param array[] $messages Post type => message number => HTML.
	 * @return array[]
	 */
	public static function updated_messages( $messages ) {
		$post = get_post();
		$view = '';
		if ( $post && is_post_type_viewable( self::NAME ) && 'publish' === $post->post_status ) {
			$view = sprintf( ' <a href="%1$s">%2$s</a>', esc_url( get_permalink( $post ) ), esc_html__( 'View trophy', 'k2-trophy-builder' ) );
		}
		$messages[ self::NAME ] = array(
			0  => '',
			1  => esc_html__( 'Trophy updated.', 'k2-trophy-builder' ) . $view,
			2  => esc_html__( 'Custom field updated.', 'k2-trophy-builder' ),
			3  => esc_html__( 'Custom field deleted.', 'k2-trophy-builder' ),
			4  => esc_html__( 'Trophy updated.', 'k2-trophy-builder' ),
			5  => false, // Restored from a revision: trophies keep no revisions.
			6  => esc_html__( 'Trophy published.', 'k2-trophy-builder' ) . $view,
			7  => esc_html__( 'Trophy saved.', 'k2-trophy-builder' ),
			8  => esc_html__( 'Trophy submitted.', 'k2-trophy-builder' ),
			9  => esc_html__( 'Trophy scheduled.', 'k2-trophy-builder' ),
			10 => esc_html__( 'Trophy draft updated.', 'k2-trophy-builder' ),
		);
		return $messages;
	}

	/**
	 * On activation: grant the capabilities, register the type so its permalinks exist, then rebuild the rewrite rules.
	 */
	public static function activate() {
		self::grant_caps();
		self::register();
		flush_rewrite_rules();
	}

	/**
	 * Gives administrators and editors every trophy capability. Roles live in the database, so this runs on
	 * activation and once after an update that changed CAPS, not on every request.
	 */
	public static function grant_caps() {
		foreach ( self::ROLES as $name ) {
			$role = get_role( $name );
			if ( null === $role ) {
				continue;
			}
			foreach ( self::CAPS as $cap ) {
				$role->add_cap( $cap );
			}
		}
		update_option( self::CAPS_OPTION, self::CAPS_VERSION );
	}

	/**
	 * Grants the capabilities when this version's are not granted yet (an update without re-activation).
	 */
	public static function maybe_grant_caps() {
		if ( self::CAPS_VERSION !== get_option( self::CAPS_OPTION ) ) {
			self::grant_caps();
		}
	}

	/**
	 * Takes the trophy capabilities from every role (on uninstall). Deactivation keeps them: it is often temporary,
	 * and a site's own changes to who may edit trophies would be lost with them.
	 */
	public static function remove_caps() {
		foreach ( wp_roles()->role_objects as $role ) {
			foreach ( self::CAPS as $cap ) {
				$role->remove_cap( $cap );
			}
		}
		delete_option( self::CAPS_OPTION );
	}

	/**
	 * Whether the current user may request or cancel a build of this trophy: edit it, and publish trophies, since a
	 * build publishes images.
	 *
	 * @param int $post_id Trophy post id.
	 * @return bool
	 */
	public static function can_build( $post_id ) {
		return current_user_can( 'edit_post', $post_id ) && current_user_can( 'publish_k2_trophies' );
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
