<?php
/**
 * The visual trophy editor on the trophy edit screen, and the two admin-ajax calls it makes to the daemon.
 *
 * @package K2_Trophy_Builder
 */

defined( 'ABSPATH' ) || exit;

/**
 * Loads assets/editor.js (which edits the same JSON textarea the meta box prints) and forwards the editor's
 * "check" and "exact preview" requests to the daemon's POST /validate and POST /preview (docs/images-endpoint.md).
 * The bearer token is a plugin setting used only here, server-side: the browser never sees it, and a user reaches
 * the daemon only through a nonce and edit_post on the trophy being edited.
 */
final class K2TB_Editor {

	const AJAX_VALIDATE = 'k2tb_validate';
	const AJAX_PREVIEW  = 'k2tb_preview';
	const NONCE         = 'nonce';

	/**
	 * How long the editor waits for the daemon; a preview renders one combination, a validation decodes every layer.
	 */
	const TIMEOUT_SECONDS = 30;

	/**
	 * Hooks the assets and the two ajax actions (logged-in users only: there is no wp_ajax_nopriv_ hook).
	 */
	public static function hook() {
		add_action( 'admin_enqueue_scripts', array( __CLASS__, 'enqueue' ) );
		add_action( 'wp_ajax_' . self::AJAX_VALIDATE, array( __CLASS__, 'handle_validate' ) );
		add_action( 'wp_ajax_' . self::AJAX_PREVIEW, array( __CLASS__, 'handle_preview' ) );
	}

	/**
	 * Nonce action of one trophy's editor: a nonce from one trophy's page cannot preview through another's.
	 *
	 * @param int $post_id Trophy post id.
	 * @return string
	 */
	public static function nonce_action( $post_id ) {
		return 'k2tb_editor_' . $post_id;
	}

	/**
	 * The editor's script, style and the Media Library on the trophy edit screen only.
	 *
	 * @param string $hook_suffix The admin screen.
	 */
	public static function enqueue( $hook_suffix ) {
		$screen = get_current_screen();
		if ( null === $screen || K2TB_Post_Type::NAME !== $screen->post_type || ! in_array( $hook_suffix, array( 'post.php', 'post-new.php' ), true ) ) {
			return;
		}
		wp_enqueue_media();
		wp_enqueue_style( 'k2tb-editor', plugins_url( 'assets/editor.css', K2TB_FILE ), array(), K2TB_VERSION );
		wp_enqueue_script( 'k2tb-editor', plugins_url( 'assets/editor.js', K2TB_FILE ), array( 'media-editor' ), K2TB_VERSION, true );
	}

	/**
	 * Prints the editor's mount point with what the script needs; never the token or the daemon's address.
	 *
	 * @param int $post_id Trophy post id.
	 */
	public static function render( $post_id ) {
		$uploads = wp_upload_dir( null, false );
		$config  = array(
			'ajaxUrl'    => admin_url( 'admin-ajax.php' ),
			'postId'     => (int) $post_id,
			'nonce'      => wp_create_nonce( self::nonce_action( $post_id ) ),
			'uploadsUrl' => untrailingslashit( $uploads['baseurl'] ),
			'configured' => '' !== K2TB_Settings::get()['images_token'],
			'rate'       => K2TB_Build_Rate::for_editor( K2TB_Bridge::status() ),
		);
		printf( '<div id="k2tb-editor" class="k2tb-editor" data-config="%s"></div>', esc_attr( wp_json_encode( $config ) ) );
	}

	/**
	 * Admin-ajax: the daemon's /validate answer for the posted spec.
	 */
	public static function handle_validate() {
		self::send( self::answer( 'validate' ) );
	}

	/**
	 * Admin-ajax: the daemon's /preview image for the posted spec and key.
	 */
	public static function handle_preview() {
		self::send( self::answer( 'preview' ) );
	}

	/**
	 * Checks the request and forwards it: nonce of the trophy's editor, edit_post on it, a spec that is JSON. The
	 * daemon's answer (status, type, body) is passed through as it came, so the editor reads its problems itself.
	 *
	 * @param string $kind validate or preview.
	 * @return array{status:int, type:string, body:string}
	 */
	public static function answer( $kind ) {
		$post_id = isset( $_POST['post_id'] ) ? absint( $_POST['post_id'] ) : 0;
		if ( ! check_ajax_referer( self::nonce_action( $post_id ), self::NONCE, false ) ) {
			return self::error( 403, 'bad_nonce', __( 'The page is too old: reload it and try again.', 'k2-trophy-builder' ) );
		}
		if ( ! K2TB_Post_Type::is_trophy( $post_id ) || ! current_user_can( 'edit_post', $post_id ) ) {
			return self::error( 403, 'forbidden', __( 'You may not edit this trophy.', 'k2-trophy-builder' ) );
		}
		$settings = K2TB_Settings::get();
		if ( '' === $settings['images_token'] ) {
			return self::error( 503, 'not_configured', __( 'Set the image endpoint\'s token under Settings > K2 Trophy Builder to check and preview specs.', 'k2-trophy-builder' ) );
		}
		// The spec goes to the daemon as the editor made it: decoded here only to refuse what is not an object.
		$spec = isset( $_POST['spec'] ) ? (string) wp_unslash( $_POST['spec'] ) : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- JSON, checked below, never printed.
		if ( strlen( $spec ) > K2TB_Meta_Box::MAX_SPEC_BYTES || ! is_object( json_decode( $spec, false, 64 ) ) ) {
			return self::error( 400, 'bad_spec', __( 'The spec is not a JSON object.', 'k2-trophy-builder' ) );
		}
		if ( 'preview' === $kind ) {
			$key  = isset( $_POST['key'] ) ? sanitize_text_field( wp_unslash( $_POST['key'] ) ) : '';
			$body = '{"spec":' . $spec . ',"key":' . wp_json_encode( $key ) . '}';
		} else {
			$body = $spec;
		}

		$response = wp_remote_post(
			K2TB_Settings::images_endpoint() . '/' . $kind,
			array(
				'timeout' => self::TIMEOUT_SECONDS,
				'headers' => array(
					'Authorization' => 'Bearer ' . $settings['images_token'],
					'Content-Type'  => 'application/json',
				),
				'body'    => $body,
			)
		);
		if ( is_wp_error( $response ) ) {
			/* translators: %s: the HTTP client's message */
			return self::error( 502, 'unreachable', sprintf( __( 'The image endpoint does not answer: %s', 'k2-trophy-builder' ), $response->get_error_message() ) );
		}
		$type = (string) wp_remote_retrieve_header( $response, 'content-type' );
		return array(
			'status' => (int) wp_remote_retrieve_response_code( $response ),
			'type'   => '' !== $type ? $type : 'application/octet-stream',
			'body'   => (string) wp_remote_retrieve_body( $response ),
		);
	}

	/**
	 * An answer of the plugin's own, shaped like the daemon's errors.
	 *
	 * @param int    $status  HTTP status.
	 * @param string $code    Machine-readable reason.
	 * @param string $message For the editor.
	 * @return array{status:int, type:string, body:string}
	 */
	private static function error( $status, $code, $message ) {
		return array(
			'status' => $status,
			'type'   => 'application/json; charset=utf-8',
			'body'   => (string) wp_json_encode(
				array(
					'ok'      => false,
					'error'   => $code,
					'message' => $message,
				)
			),
		);
	}

	/**
	 * Sends an answer and ends the request. Not wp_die(): its ajax handler may replace the image's Content-Type while
	 * PHP still buffers the body.
	 *
	 * @param array{status:int, type:string, body:string} $answer What to send.
	 */
	private static function send( $answer ) {
		status_header( $answer['status'] );
		header( 'Content-Type: ' . $answer['type'] );
		header( 'Cache-Control: no-store' );
		header( 'X-Content-Type-Options: nosniff' );
		echo $answer['body']; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- an image or JSON, sent with its own type and nosniff.
		exit;
	}
}
