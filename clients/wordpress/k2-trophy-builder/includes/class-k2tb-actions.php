<?php
/**
 * The Build images / Rebuild all / Cancel / Withdraw request buttons of the K2 Builds page.
 *
 * @package K2_Trophy_Builder
 */

defined( 'ABSPATH' ) || exit;

/**
 * Handles the buttons' admin-post requests: nonce, capability, then the flag change, then back to where they came from.
 */
final class K2TB_Actions {

	const ACTION = 'k2tb_build';
	const NONCE  = 'k2tb_build_nonce';

	/**
	 * Hooks the admin-post action.
	 */
	public static function hook() {
		add_action( 'admin_post_' . self::ACTION, array( __CLASS__, 'handle' ) );
	}

	/**
	 * Nonce action of one trophy's buttons.
	 *
	 * @param int $post_id Trophy post id.
	 * @return string
	 */
	public static function nonce_action( $post_id ) {
		return self::ACTION . '_' . $post_id;
	}

	/**
	 * Prints one trophy's buttons as a small form posting to admin-post.php.
	 *
	 * @param int    $post_id Trophy post id.
	 * @param string $status  Its _k2_build_status.
	 */
	public static function render_form( $post_id, $status ) {
		echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '" class="k2tb-actions">';
		echo '<input type="hidden" name="action" value="' . esc_attr( self::ACTION ) . '">';
		echo '<input type="hidden" name="post_id" value="' . esc_attr( (string) $post_id ) . '">';
		wp_nonce_field( self::nonce_action( $post_id ), self::NONCE );
		self::render_buttons( $status );
		echo '</form>';
	}

	/**
	 * Prints the buttons, each enabled only when its action applies to the status and the user may build. Cancel is
	 * for a build the daemon has claimed; a request it has not claimed yet is withdrawn instead, since there is no job
	 * to stop.
	 *
	 * @param string $status    A _k2_build_status value.
	 * @param bool   $may_build K2TB_Post_Type::can_build() for the trophy.
	 */
	public static function render_buttons( $status, $may_build = true ) {
		$busy    = K2TB_Flags::is_busy( $status );
		$buttons = array(
			'build'    => array( __( 'Build images', 'k2-trophy-builder' ), 'button-primary', $may_build && ! $busy ),
			'rebuild'  => array( __( 'Rebuild all', 'k2-trophy-builder' ), '', $may_build && ! $busy ),
			'cancel'   => array( __( 'Cancel', 'k2-trophy-builder' ), '', $may_build && in_array( $status, array( K2TB_Flags::QUEUED, K2TB_Flags::RUNNING ), true ) ),
			'withdraw' => array( __( 'Withdraw request', 'k2-trophy-builder' ), '', $may_build && K2TB_Flags::is_request( $status ) ),
		);
		foreach ( $buttons as $value => list( $label, $class, $enabled ) ) {
			printf(
				'<button type="submit" name="k2tb_build_action" value="%1$s" class="button %2$s"%3$s>%4$s</button> ',
				esc_attr( $value ),
				esc_attr( $class ),
				$enabled ? '' : ' disabled',
				esc_html( $label )
			);
		}
	}

	/**
	 * The admin-post handler: checks the nonce and the user's right to build the trophy (K2TB_Post_Type::can_build),
	 * refuses a build of a trophy that is not published or breaks the site's rules (K2TB_Rules), applies the action,
	 * redirects.
	 */
	public static function handle() {
		$post_id = isset( $_POST['post_id'] ) ? absint( $_POST['post_id'] ) : 0;
		check_admin_referer( self::nonce_action( $post_id ), self::NONCE );
		if ( ! K2TB_Post_Type::is_trophy( $post_id ) ) {
			wp_die( esc_html__( 'That is not a trophy.', 'k2-trophy-builder' ), '', array( 'response' => 400 ) );
		}
		if ( ! K2TB_Post_Type::can_build( $post_id ) ) {
			wp_die( esc_html__( 'You may not build this trophy.', 'k2-trophy-builder' ), '', array( 'response' => 403 ) );
		}
		$action = isset( $_POST['k2tb_build_action'] ) ? sanitize_key( wp_unslash( $_POST['k2tb_build_action'] ) ) : '';
		if ( ! isset( K2TB_Flags::ACTIONS[ $action ] ) ) {
			wp_die( esc_html__( 'Unknown build action.', 'k2-trophy-builder' ), '', array( 'response' => 400 ) );
		}

		// Stopping or taking back a build needs no rule of what may be built.
		$refusal = in_array( $action, array( 'cancel', 'withdraw' ), true ) ? null : K2TB_Rules::build_refusal( $post_id );
		$done    = null === $refusal && K2TB_Flags::apply( $post_id, $action );
		$back    = wp_get_referer();
		if ( ! $back ) {
			$back = K2TB_Builds_Page::url();
		}
		wp_safe_redirect(
			add_query_arg(
				array(
					'k2tb_done'   => null !== $refusal ? $refusal['code'] : ( $done ? $action : self::refusal_code( $action ) ),
					'k2tb_trophy' => $post_id,
				),
				$back
			)
		);
		exit;
	}

	/**
	 * The outcome code of an action that did not apply.
	 *
	 * @param string $action The action.
	 * @return string
	 */
	public static function refusal_code( $action ) {
		return 'withdraw' === $action ? 'withdraw_refused' : 'refused';
	}

	/**
	 * The notice of an action that did not apply.
	 *
	 * @param string $action The action.
	 * @return string
	 */
	public static function refusal_message( $action ) {
		return 'withdraw' === $action
			? __( 'Not withdrawn: there is no request waiting. The daemon may have taken it already (then Cancel stops the build).', 'k2-trophy-builder' )
			: __( 'Nothing changed: a build is under way (or there was nothing to cancel).', 'k2-trophy-builder' );
	}

	/**
	 * The notice of an action that was carried out; a request's says whether the daemon will pick it up soon.
	 *
	 * @param string $action The action.
	 * @param array  $bridge K2TB_Bridge::status().
	 * @return string
	 */
	public static function done_message( $action, array $bridge ) {
		switch ( $action ) {
			case 'cancel':
				return __( 'Cancel requested.', 'k2-trophy-builder' );
			case 'withdraw':
				return __( 'Build request withdrawn; nothing will be built.', 'k2-trophy-builder' );
			case 'rebuild':
				return K2TB_Health::requested_notice( $bridge, true );
			default:
				return K2TB_Health::requested_notice( $bridge, false );
		}
	}

	/**
	 * Prints the outcome of the last button press, from the redirect's query.
	 *
	 * @param array $bridge K2TB_Bridge::status(), for what a request's notice promises.
	 */
	public static function render_outcome( array $bridge ) {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- only chooses which fixed message to show.
		$done = isset( $_GET['k2tb_done'] ) ? sanitize_key( wp_unslash( $_GET['k2tb_done'] ) ) : '';
		$messages = array(
			'build'            => array( 'success', self::done_message( 'build', $bridge ) ),
			'rebuild'          => array( 'success', self::done_message( 'rebuild', $bridge ) ),
			'cancel'           => array( 'success', self::done_message( 'cancel', $bridge ) ),
			'withdraw'         => array( 'success', self::done_message( 'withdraw', $bridge ) ),
			'refused'          => array( 'warning', self::refusal_message( 'build' ) ),
			'withdraw_refused' => array( 'warning', self::refusal_message( 'withdraw' ) ),
			'unpublished'  => array( 'error', __( 'Not requested: only published trophies are built. Publish the trophy, then build.', 'k2-trophy-builder' ) ),
			'spec_refused' => array( 'error', __( 'Not requested: the trophy\'s spec breaks a rule of this site (its own folder, a unique slug, the ceilings); its edit screen says which.', 'k2-trophy-builder' ) ),
		);
		if ( isset( $messages[ $done ] ) ) {
			printf( '<div class="notice notice-%1$s is-dismissible"><p>%2$s</p></div>', esc_attr( $messages[ $done ][0] ), esc_html( $messages[ $done ][1] ) );
		}
	}
}
