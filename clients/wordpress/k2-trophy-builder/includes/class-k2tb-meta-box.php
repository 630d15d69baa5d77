<?php
/**
 * The Trophy build meta box on the trophy edit screen.
 *
 * @package K2_Trophy_Builder
 */

defined( 'ABSPATH' ) || exit;

/**
 * Shows the spec (a JSON textarea), the build's state, whether the renderer picks up requests, and the Build images /
 * Rebuild all / Cancel / Withdraw request buttons. The buttons submit the post form, so a press saves the spec first
 * and then asks for the build of what was saved.
 */
final class K2TB_Meta_Box {

	const NONCE_ACTION = 'k2tb_save_spec';
	const NONCE        = 'k2tb_spec_nonce';
	const FIELD        = 'k2tb_spec';

	/**
	 * The longest spec accepted; the daemon refuses anything above 4 MiB anyway.
	 */
	const MAX_SPEC_BYTES = 1048576;

	/**
	 * How long a rejected spec waits to be shown again to the editor who typed it.
	 */
	const NOTICE_SECONDS = 300;

	/**
	 * Notices read in this request, by post id: the notice is shown (and deleted) before the box is printed.
	 *
	 * @var array
	 */
	private static $notices = array();

	/**
	 * Hooks the meta box, its save and its notices.
	 */
	public static function hook() {
		add_action( 'add_meta_boxes_' . K2TB_Post_Type::NAME, array( __CLASS__, 'add' ) );
		add_action( 'save_post_' . K2TB_Post_Type::NAME, array( __CLASS__, 'save' ), 10, 2 );
		add_action( 'admin_notices', array( __CLASS__, 'render_notice' ) );
	}

	/**
	 * Adds the box.
	 */
	public static function add() {
		add_meta_box( 'k2tb-build', __( 'Trophy build', 'k2-trophy-builder' ), array( __CLASS__, 'render' ), K2TB_Post_Type::NAME, 'normal', 'high' );
	}

	/**
	 * Prints the box.
	 *
	 * @param WP_Post $post The trophy.
	 */
	public static function render( $post ) {
		$flags  = K2TB_Flags::read( $post->ID );
		$bridge = K2TB_Bridge::status();
		$notice = self::peek_notice( $post->ID );
		$spec   = null !== $notice && isset( $notice['spec'] ) ? $notice['spec'] : (string) get_post_meta( $post->ID, K2TB_Flags::SPEC, true );

		wp_nonce_field( self::NONCE_ACTION, self::NONCE );
		// The visual editor (assets/editor.js) edits the textarea below; without JavaScript the textarea is all there is.
		K2TB_Editor::render( $post->ID );
		echo '<p><label for="k2tb-spec"><strong>' . esc_html__( 'Spec (JSON)', 'k2-trophy-builder' ) . '</strong></label></p>';
		echo '<textarea id="k2tb-spec" name="' . esc_attr( self::FIELD ) . '" rows="18" class="large-text code" spellcheck="false">' . esc_textarea( $spec ) . '</textarea>';
		echo '<p class="description">' . esc_html__( 'assetRoot is relative to the daemon\'s asset root. The daemon checks every rule when it builds.', 'k2-trophy-builder' ) . '</p>';
		$ceilings = K2TB_Rules::ceilings();
		echo '<p class="description k2tb-rules">' . esc_html(
			sprintf(
				/* translators: 1: pixels per image, 2: combinations per trophy */
				__( 'Only published trophies are built. output.path must begin with {slug}/, and the slug must be this trophy\'s alone. Ceilings: %1$s pixels per image, %2$s combinations.', 'k2-trophy-builder' ),
				number_format_i18n( $ceilings['max_pixels'] ),
				number_format_i18n( $ceilings['max_combinations'] )
			)
		) . '</p>';

		echo '<table class="k2tb-state form-table" role="presentation"><tbody>';
		$stale = K2TB_Health::stale_request( $bridge, $flags, time() );
		self::row(
			__( 'Status', 'k2-trophy-builder' ),
			'<span class="k2tb-status k2tb-status-' . esc_attr( sanitize_html_class( $flags['status'] ) ) . '">' . esc_html( K2TB_Format::headline( $flags['status'], $flags['progress'] ) ) . '</span>'
				. ( '' !== $stale ? '<p class="k2tb-stale">' . esc_html( $stale ) . '</p>' : '' )
		);
		self::row(
			__( 'Renderer', 'k2-trophy-builder' ),
			sprintf( '<span id="k2tb-daemon" class="k2tb-daemon-%1$s" data-state="%1$s">%2$s</span>', esc_attr( K2TB_Health::state( $bridge ) ), esc_html( K2TB_Health::message( $bridge ) ) )
		);
		if ( '' !== $flags['job'] ) {
			self::row( __( 'Job', 'k2-trophy-builder' ), '<code class="k2tb-job">' . esc_html( $flags['job'] ) . '</code>' );
		}
		if ( null !== $flags['progress'] ) {
			self::row( __( 'Progress', 'k2-trophy-builder' ), K2TB_Builds_Page::progress_html( $flags['progress'] ) );
		}
		if ( '' !== $flags['error'] ) {
			self::row( __( 'Problems', 'k2-trophy-builder' ), '<pre class="k2tb-error">' . esc_html( $flags['error'] ) . '</pre>' );
		}
		echo '</tbody></table>';

		echo '<p class="k2tb-buttons">';
		K2TB_Actions::render_buttons( $flags['status'], K2TB_Post_Type::can_build( $post->ID ) );
		echo '</p>';
	}

	/**
	 * Saves the spec when it is valid JSON, then applies the button that was pressed.
	 *
	 * @param int     $post_id Trophy post id.
	 * @param WP_Post $post    The trophy.
	 */
	public static function save( $post_id, $post ) {
		if ( ! isset( $_POST[ self::NONCE ] ) || ! wp_verify_nonce( sanitize_key( wp_unslash( $_POST[ self::NONCE ] ) ), self::NONCE_ACTION ) ) {
			return;
		}
		if ( ( defined( 'DOING_AUTOSAVE' ) && DOING_AUTOSAVE ) || wp_is_post_revision( $post ) || ! current_user_can( 'edit_post', $post_id ) ) {
			return;
		}

		// The spec is stored as typed: it is JSON, and its strings must survive byte for byte. It is escaped on output.
		$spec  = isset( $_POST[ self::FIELD ] ) ? (string) wp_unslash( $_POST[ self::FIELD ] ) : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- validated as JSON below.
		$error = self::check_spec( $spec, $post_id );
		if ( null !== $error ) {
			self::keep_notice( $post_id, 'error', $error, $spec );
			return;
		}
		update_post_meta( $post_id, K2TB_Flags::SPEC, wp_slash( $spec ) );

		$action = isset( $_POST['k2tb_build_action'] ) ? sanitize_key( wp_unslash( $_POST['k2tb_build_action'] ) ) : '';
		if ( '' === $action ) {
			return;
		}
		if ( ! K2TB_Post_Type::can_build( $post_id ) ) {
			self::keep_notice( $post_id, 'error', __( 'The spec was saved, but you may not build trophies.', 'k2-trophy-builder' ) );
			return;
		}
		$stops = in_array( $action, array( 'cancel', 'withdraw' ), true );
		if ( '' === $spec && ! $stops ) {
			self::keep_notice( $post_id, 'warning', __( 'There is no spec to build.', 'k2-trophy-builder' ) );
			return;
		}
		// The post was saved before this hook, so "Publish" and "Build images" may come in one submit.
		$refusal = $stops ? null : K2TB_Rules::build_refusal( $post_id );
		if ( null !== $refusal ) {
			self::keep_notice( $post_id, 'error', $refusal['message'] );
			return;
		}
		if ( K2TB_Flags::apply( $post_id, $action ) ) {
			// A request's text depends on the renderer's health, which is asked when the notice is shown, not here.
			self::keep_notice( $post_id, 'success', '', null, $action );
		} else {
			self::keep_notice( $post_id, 'warning', K2TB_Actions::refusal_message( $action ) );
		}
	}

	/**
	 * Why a spec cannot be saved, or null: JSON syntax and shape, and the site's rules (K2TB_Rules: own folder, unique
	 * slug, ceilings). The spec's own rules of contracts.md section 1 are the daemon's to check.
	 *
	 * @param string $spec    Submitted text.
	 * @param int    $post_id The trophy it is for.
	 * @return string|null
	 */
	public static function check_spec( $spec, $post_id ) {
		if ( '' === trim( $spec ) ) {
			return null;
		}
		if ( strlen( $spec ) > self::MAX_SPEC_BYTES ) {
			/* translators: %d: the limit in bytes */
			return sprintf( __( 'The spec was not saved: it is longer than %d bytes.', 'k2-trophy-builder' ), self::MAX_SPEC_BYTES );
		}
		$decoded = json_decode( $spec, false, 64 );
		if ( JSON_ERROR_NONE !== json_last_error() ) {
			/* translators: %s: the JSON parser's message */
			return sprintf( __( 'The spec was not saved: it is not valid JSON (%s).', 'k2-trophy-builder' ), json_last_error_msg() );
		}
		if ( ! is_object( $decoded ) ) {
			return __( 'The spec was not saved: it must be a JSON object ({ ... }).', 'k2-trophy-builder' );
		}
		$problems = K2TB_Rules::spec_problems( $post_id, (array) json_decode( $spec, true, 64 ), false );
		if ( array() !== $problems ) {
			/* translators: %s: the rules the spec breaks, separated by semicolons */
			return sprintf( __( 'The spec was not saved: %s.', 'k2-trophy-builder' ), implode( '; ', $problems ) );
		}
		return null;
	}

	/**
	 * Prints the notice left by the last save of the trophy being edited.
	 */
	public static function render_notice() {
		$screen = get_current_screen();
		if ( null === $screen || K2TB_Post_Type::NAME !== $screen->post_type || 'post' !== $screen->base ) {
			return;
		}
		$post_id = get_the_ID();
		$notice  = $post_id ? self::peek_notice( $post_id ) : null;
		if ( null === $notice ) {
			return;
		}
		delete_transient( self::notice_key( $post_id ) );
		$message = isset( $notice['action'] ) ? K2TB_Actions::done_message( $notice['action'], K2TB_Bridge::status() ) : $notice['message'];
		printf( '<div class="notice notice-%1$s is-dismissible"><p>%2$s</p></div>', esc_attr( $notice['type'] ), esc_html( $message ) );
	}

	/**
	 * Prints one labelled row; $html must already be escaped.
	 *
	 * @param string $label Plain text.
	 * @param string $html  Escaped HTML.
	 */
	private static function row( $label, $html ) {
		echo '<tr><th scope="row">' . esc_html( $label ) . '</th><td>' . $html . '</td></tr>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped by the callers.
	}

	/**
	 * Leaves a notice (and a rejected spec, so the typing is not lost) for this editor's next view of the trophy.
	 *
	 * @param int         $post_id Trophy post id.
	 * @param string      $type    success, warning or error.
	 * @param string      $message Plain text ('' with $action).
	 * @param string|null $spec    The rejected spec.
	 * @param string|null $action  An action carried out: its text (K2TB_Actions::done_message) is made when shown.
	 */
	private static function keep_notice( $post_id, $type, $message, $spec = null, $action = null ) {
		$notice = array(
			'type'    => $type,
			'message' => $message,
		);
		if ( null !== $spec ) {
			$notice['spec'] = $spec;
		}
		if ( null !== $action ) {
			$notice['action'] = $action;
		}
		set_transient( self::notice_key( $post_id ), $notice, self::NOTICE_SECONDS );
	}

	/**
	 * The notice left for this editor and trophy, if any.
	 *
	 * @param int $post_id Trophy post id.
	 * @return array|null
	 */
	private static function peek_notice( $post_id ) {
		if ( ! array_key_exists( $post_id, self::$notices ) ) {
			$notice                    = get_transient( self::notice_key( $post_id ) );
			self::$notices[ $post_id ] = is_array( $notice ) ? $notice : null;
		}
		return self::$notices[ $post_id ];
	}

	/**
	 * Transient name of a notice: per editor, per trophy.
	 *
	 * @param int $post_id Trophy post id.
	 * @return string
	 */
	private static function notice_key( $post_id ) {
		return 'k2tb_notice_' . get_current_user_id() . '_' . $post_id;
	}
}
