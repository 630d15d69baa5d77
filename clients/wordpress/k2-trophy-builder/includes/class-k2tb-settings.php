<?php
/**
 * Settings: where the status bridge is, where the images are served from.
 *
 * @package K2_Trophy_Builder
 */

defined( 'ABSPATH' ) || exit;

/**
 * The plugin's one option (an array) and its page under Settings.
 */
final class K2TB_Settings {

	const OPTION = 'k2tb_settings';
	const PAGE   = 'k2tb-settings';

	const DEFAULTS = array(
		'bridge_host'      => '127.0.0.1',
		'bridge_port'      => 7070,
		'bridge_socket'    => '',
		'bridge_timeout'   => 2.0,
		'images_url'       => '',
		'images_dir'       => '',
		'fallback_url'     => '',
		// A silo's image endpoint (docs/images-endpoint.md), which the trophy editor's check and exact preview call.
		'images_endpoint'  => 'http://127.0.0.1:8090',
		// Images:Token of the silo; used server-side only, never printed.
		'images_token'     => '',
		// The daemon's WordPress:MaxPixelsPerImage and WordPress:MaxCombinations defaults; keep them equal to its values.
		'max_pixels'       => 16777216,
		'max_combinations' => 200000,
	);

	/**
	 * Highest pixel ceiling: an 8192 x 8192 canvas, the largest a spec may have.
	 */
	const MAX_PIXELS = 67108864;

	/**
	 * Hooks the settings page.
	 */
	public static function hook() {
		add_action( 'admin_init', array( __CLASS__, 'register' ) );
		add_action( 'admin_menu', array( __CLASS__, 'add_page' ) );
	}

	/**
	 * The settings, defaults filled in.
	 *
	 * @return array
	 */
	public static function get() {
		$stored = get_option( self::OPTION, array() );
		return array_merge( self::DEFAULTS, is_array( $stored ) ? array_intersect_key( $stored, self::DEFAULTS ) : array() );
	}

	/**
	 * Base URL of the daemon's output root; by default uploads/k2-trophies, where docs/wordpress.md puts it.
	 *
	 * @return string No trailing slash.
	 */
	public static function images_url() {
		$url = self::get()['images_url'];
		if ( '' === $url ) {
			$url = wp_upload_dir( null, false )['baseurl'] . '/k2-trophies';
		}
		return untrailingslashit( $url );
	}

	/**
	 * The daemon's output root on this machine, where pages look for a file before linking it; by default
	 * uploads/k2-trophies.
	 *
	 * @return string No trailing slash.
	 */
	public static function images_dir() {
		$dir = self::get()['images_dir'];
		if ( '' === $dir ) {
			$dir = wp_upload_dir( null, false )['basedir'] . '/k2-trophies';
		}
		return untrailingslashit( $dir );
	}

	/**
	 * Public base URL of the render-on-request endpoint (images-endpoint.md, e.g. /k2-images/), '' when there is none.
	 *
	 * @return string No trailing slash.
	 */
	public static function fallback_url() {
		return untrailingslashit( self::get()['fallback_url'] );
	}

	/**
	 * Base URL of a silo's image endpoint, for POST /validate and /preview.
	 *
	 * @return string No trailing slash.
	 */
	public static function images_endpoint() {
		return untrailingslashit( self::get()['images_endpoint'] );
	}

	/**
	 * Registers the option with its sanitizer, and the fields.
	 */
	public static function register() {
		register_setting(
			self::PAGE,
			self::OPTION,
			array(
				'type'              => 'array',
				'sanitize_callback' => array( __CLASS__, 'sanitize' ),
				'default'           => self::DEFAULTS,
			)
		);
		add_settings_section( 'k2tb_bridge', __( 'Status bridge', 'k2-trophy-builder' ), array( __CLASS__, 'bridge_intro' ), self::PAGE );
		add_settings_section( 'k2tb_images', __( 'Images', 'k2-trophy-builder' ), '__return_false', self::PAGE );
		add_settings_section( 'k2tb_ceilings', __( 'Ceilings', 'k2-trophy-builder' ), array( __CLASS__, 'ceilings_intro' ), self::PAGE );
		$fields = array(
			'bridge_host'      => array( 'k2tb_bridge', __( 'Host', 'k2-trophy-builder' ), 'text' ),
			'bridge_port'      => array( 'k2tb_bridge', __( 'Port', 'k2-trophy-builder' ), 'number' ),
			'bridge_socket'    => array( 'k2tb_bridge', __( 'Unix socket (instead of host and port)', 'k2-trophy-builder' ), 'text' ),
			'bridge_timeout'   => array( 'k2tb_bridge', __( 'Timeout (seconds)', 'k2-trophy-builder' ), 'number' ),
			'images_url'       => array( 'k2tb_images', __( 'Images URL (empty: uploads/k2-trophies)', 'k2-trophy-builder' ), 'url' ),
			'images_dir'       => array( 'k2tb_images', __( 'Images folder on this server (empty: uploads/k2-trophies)', 'k2-trophy-builder' ), 'text' ),
			'fallback_url'     => array( 'k2tb_images', __( 'Render-on-request URL for images not built yet (e.g. /k2-images/; empty: none)', 'k2-trophy-builder' ), 'text' ),
			'images_endpoint'  => array( 'k2tb_images', __( 'Image endpoint of a silo, for the editor\'s check and exact preview (Images:Endpoint)', 'k2-trophy-builder' ), 'url' ),
			'images_token'     => array( 'k2tb_images', __( 'Image endpoint token (Images:Token)', 'k2-trophy-builder' ), 'password' ),
			'max_pixels'       => array( 'k2tb_ceilings', __( 'Pixels per image (WordPress:MaxPixelsPerImage)', 'k2-trophy-builder' ), 'number' ),
			'max_combinations' => array( 'k2tb_ceilings', __( 'Combinations per trophy (WordPress:MaxCombinations)', 'k2-trophy-builder' ), 'number' ),
		);
		foreach ( $fields as $key => list( $section, $label, $type ) ) {
			add_settings_field(
				$key,
				$label,
				array( __CLASS__, 'field' ),
				self::PAGE,
				$section,
				array(
					'key'       => $key,
					'type'      => $type,
					'label_for' => 'k2tb-' . $key,
				)
			);
		}
	}

	/**
	 * Explains the bridge section.
	 */
	public static function bridge_intro() {
		echo '<p>' . esc_html__( 'Where the K2Orleans status bridge listens; the K2 Builds page asks it for live progress.', 'k2-trophy-builder' ) . '</p>';
	}

	/**
	 * Explains the ceilings section.
	 */
	public static function ceilings_intro() {
		echo '<p>' . esc_html__( 'The largest build an editor may ask for. The daemon refuses larger ones by its own settings of the same names; keep both equal, so editors hear of it when they save.', 'k2-trophy-builder' ) . '</p>';
	}

	/**
	 * Prints one input.
	 *
	 * @param array $args key, type, label_for.
	 */
	public static function field( $args ) {
		$value = self::get()[ $args['key'] ];
		if ( 'images_token' === $args['key'] ) {
			// The token is never sent back to a browser: an empty field keeps it, the placeholder says whether it is set.
			printf(
				'<input id="%1$s" name="%2$s[images_token]" type="password" value="" autocomplete="new-password" class="regular-text" placeholder="%3$s">',
				esc_attr( $args['label_for'] ),
				esc_attr( self::OPTION ),
				esc_attr( '' === $value ? __( 'not set', 'k2-trophy-builder' ) : __( 'set; type a new one to replace it', 'k2-trophy-builder' ) )
			);
			return;
		}
		printf(
			'<input id="%1$s" name="%2$s[%3$s]" type="%4$s" value="%5$s" class="regular-text"%6$s>',
			esc_attr( $args['label_for'] ),
			esc_attr( self::OPTION ),
			esc_attr( $args['key'] ),
			esc_attr( $args['type'] ),
			esc_attr( (string) $value ),
			'bridge_timeout' === $args['key'] ? ' step="0.1" min="0.2" max="10"' : ''
		);
	}

	/**
	 * Keeps only well-formed values; a bad one keeps its previous value and says why.
	 *
	 * @param mixed $input Submitted values.
	 * @return array
	 */
	public static function sanitize( $input ) {
		$old   = self::get();
		$input = is_array( $input ) ? $input : array();
		$clean = $old;

		$host = isset( $input['bridge_host'] ) ? sanitize_text_field( $input['bridge_host'] ) : $old['bridge_host'];
		// \A and \z: '$' would also match before a final newline.
		if ( 1 === preg_match( '/\A[A-Za-z0-9.\-:\[\]]{1,253}\z/D', $host ) ) {
			$clean['bridge_host'] = $host;
		} else {
			add_settings_error( self::OPTION, 'bridge_host', __( 'The host must be an IP address or a host name.', 'k2-trophy-builder' ) );
		}

		$port = isset( $input['bridge_port'] ) ? absint( $input['bridge_port'] ) : $old['bridge_port'];
		if ( $port >= 1 && $port <= 65535 ) {
			$clean['bridge_port'] = $port;
		} else {
			add_settings_error( self::OPTION, 'bridge_port', __( 'The port must be between 1 and 65535.', 'k2-trophy-builder' ) );
		}

		$socket = isset( $input['bridge_socket'] ) ? trim( sanitize_text_field( $input['bridge_socket'] ) ) : $old['bridge_socket'];
		if ( '' === $socket || 1 === preg_match( '#\A/[A-Za-z0-9._/\-]{1,200}\z#D', $socket ) ) {
			$clean['bridge_socket'] = $socket;
		} else {
			add_settings_error( self::OPTION, 'bridge_socket', __( 'The socket must be an absolute path, e.g. /run/k2orleans/status.sock.', 'k2-trophy-builder' ) );
		}

		$timeout = isset( $input['bridge_timeout'] ) && is_numeric( $input['bridge_timeout'] ) ? (float) $input['bridge_timeout'] : $old['bridge_timeout'];
		if ( $timeout >= 0.2 && $timeout <= 10 ) {
			$clean['bridge_timeout'] = $timeout;
		} else {
			add_settings_error( self::OPTION, 'bridge_timeout', __( 'The timeout must be between 0.2 and 10 seconds.', 'k2-trophy-builder' ) );
		}

		$clean['images_url'] = isset( $input['images_url'] ) ? esc_url_raw( trim( $input['images_url'] ) ) : $old['images_url'];

		$dir = isset( $input['images_dir'] ) ? trim( sanitize_text_field( $input['images_dir'] ) ) : $old['images_dir'];
		if ( '' === $dir || 1 === preg_match( '#\A/[^\x00-\x1f]{0,4000}\z#D', $dir ) ) {
			$clean['images_dir'] = $dir;
		} else {
			add_settings_error( self::OPTION, 'images_dir', __( 'The images folder must be an absolute path.', 'k2-trophy-builder' ) );
		}

		// A path on this site ('/k2-images/') or a full URL; esc_url_raw keeps both and drops other schemes.
		$clean['fallback_url'] = isset( $input['fallback_url'] ) ? esc_url_raw( trim( $input['fallback_url'] ), array( 'http', 'https' ) ) : $old['fallback_url'];

		$endpoint = isset( $input['images_endpoint'] ) ? esc_url_raw( trim( $input['images_endpoint'] ), array( 'http', 'https' ) ) : $old['images_endpoint'];
		if ( '' !== $endpoint ) {
			$clean['images_endpoint'] = $endpoint;
		} else {
			add_settings_error( self::OPTION, 'images_endpoint', __( 'The image endpoint must be an http or https URL, e.g. http://127.0.0.1:8090.', 'k2-trophy-builder' ) );
		}

		// Empty keeps the stored token: the field is always shown empty.
		$token = isset( $input['images_token'] ) ? trim( (string) $input['images_token'] ) : '';
		if ( '' !== $token ) {
			if ( 1 === preg_match( '/\A[\x21-\x7e]{16,512}\z/D', $token ) ) {
				$clean['images_token'] = $token;
			} else {
				add_settings_error( self::OPTION, 'images_token', __( 'The token must be 16 to 512 printable characters without spaces, as Images:Token.', 'k2-trophy-builder' ) );
			}
		}

		$pixels = isset( $input['max_pixels'] ) ? absint( $input['max_pixels'] ) : $old['max_pixels'];
		if ( $pixels >= 1 && $pixels <= self::MAX_PIXELS ) {
			$clean['max_pixels'] = $pixels;
		} else {
			/* translators: %d: the highest value */
			add_settings_error( self::OPTION, 'max_pixels', sprintf( __( 'Pixels per image must be between 1 and %d.', 'k2-trophy-builder' ), self::MAX_PIXELS ) );
		}

		$combinations = isset( $input['max_combinations'] ) ? absint( $input['max_combinations'] ) : $old['max_combinations'];
		if ( $combinations >= 1 ) {
			$clean['max_combinations'] = $combinations;
		} else {
			add_settings_error( self::OPTION, 'max_combinations', __( 'Combinations per trophy must be at least 1.', 'k2-trophy-builder' ) );
		}
		return $clean;
	}

	/**
	 * Adds Settings > K2 Trophy Builder.
	 */
	public static function add_page() {
		add_options_page(
			__( 'K2 Trophy Builder', 'k2-trophy-builder' ),
			__( 'K2 Trophy Builder', 'k2-trophy-builder' ),
			'manage_options',
			self::PAGE,
			array( __CLASS__, 'render' )
		);
	}

	/**
	 * Prints the settings page.
	 */
	public static function render() {
		if ( ! current_user_can( 'manage_options' ) ) {
			return;
		}
		echo '<div class="wrap"><h1>' . esc_html__( 'K2 Trophy Builder', 'k2-trophy-builder' ) . '</h1>';
		echo '<form method="post" action="options.php">';
		settings_fields( self::PAGE );
		do_settings_sections( self::PAGE );
		submit_button();
		echo '</form></div>';
	}
}
