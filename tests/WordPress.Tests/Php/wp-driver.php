<?php
/**
 * Drives a throwaway WordPress for the tests, through WordPress's own PHP API and the plugin's own handlers:
 *
 *     php wp-driver.php COMMAND [ARGUMENTS...]
 *
 * The site comes from the environment: K2_WP_DB_HOST (host:port), K2_WP_DB_NAME, K2_WP_DB_USER, K2_WP_DB_PASSWORD,
 * K2_WP_TABLE_PREFIX, K2_WP_CONTENT_DIR (holding plugins/k2-trophy-builder and uploads/). WordPress itself is
 * Debian's package in /usr/share/wordpress, loaded with this file standing in for wp-config.php.
 *
 * Prints JSON (or HTML for the render commands) on stdout. Exit codes: 0 done, 2 bad usage, 3 a command failed,
 * 4 the plugin raised a PHP warning, notice or deprecation (core's own are ignored: Debian's WordPress 6.1 is older
 * than its PHP).
 */

declare(strict_types=1);

$command = $argv[1] ?? '';
$args    = array_slice( $argv, 2 );

/** PHP warnings and notices raised in the plugin's own files; any of them fails the command. */
$k2_plugin_problems = array();
set_error_handler(
	static function ( int $level, string $message, string $file, int $line ) use ( &$k2_plugin_problems ): bool {
		// '@' lowers error_reporting() for the call: such a warning was expected and handled by its caller.
		if ( ( error_reporting() & $level ) && str_contains( $file, '/k2-trophy-builder/' ) ) {
			$k2_plugin_problems[] = "$message in $file:$line";
		}
		return false;
	}
);

foreach ( array( 'K2_WP_DB_HOST', 'K2_WP_DB_NAME', 'K2_WP_DB_USER', 'K2_WP_TABLE_PREFIX', 'K2_WP_CONTENT_DIR' ) as $name ) {
	if ( false === getenv( $name ) ) {
		fwrite( STDERR, "wp-driver: $name is not set\n" );
		exit( 2 );
	}
}

define( 'DB_NAME', getenv( 'K2_WP_DB_NAME' ) );
define( 'DB_USER', getenv( 'K2_WP_DB_USER' ) );
define( 'DB_PASSWORD', (string) getenv( 'K2_WP_DB_PASSWORD' ) );
define( 'DB_HOST', getenv( 'K2_WP_DB_HOST' ) );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );
define( 'ABSPATH', '/usr/share/wordpress/' );
define( 'WP_CONTENT_DIR', getenv( 'K2_WP_CONTENT_DIR' ) );
define( 'WP_CONTENT_URL', 'http://k2.test/wp-content' );
define( 'WP_PLUGIN_DIR', WP_CONTENT_DIR . '/plugins' );
define( 'DISABLE_WP_CRON', true );
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_DISPLAY', false );
define( 'WP_DEBUG_LOG', false );
define( 'AUTH_KEY', 'k2-test-auth' );
define( 'SECURE_AUTH_KEY', 'k2-test-secure-auth' );
define( 'LOGGED_IN_KEY', 'k2-test-logged-in' );
define( 'NONCE_KEY', 'k2-test-nonce' );
define( 'AUTH_SALT', 'k2-test-auth-salt' );
define( 'SECURE_AUTH_SALT', 'k2-test-secure-auth-salt' );
define( 'LOGGED_IN_SALT', 'k2-test-logged-in-salt' );
define( 'NONCE_SALT', 'k2-test-nonce-salt' );
$table_prefix = getenv( 'K2_WP_TABLE_PREFIX' ); // phpcs:ignore WordPress.WP.GlobalVariablesOverride -- this file is the wp-config.

$_SERVER['HTTP_HOST']       = 'k2.test';
$_SERVER['SERVER_NAME']     = 'k2.test';
$_SERVER['SERVER_PORT']     = '80';
$_SERVER['REQUEST_URI']     = '/wp-admin/';
$_SERVER['REQUEST_METHOD']  = 'POST';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';

if ( 'install' === $command ) {
	define( 'WP_INSTALLING', true );
} else {
	// The plugin's admin half loads only in the admin, as it does for a real wp-admin request.
	define( 'WP_ADMIN', true );
}

require_once ABSPATH . 'wp-settings.php';

/** Thrown instead of redirecting, so a handler's redirect can be reported instead of sent. */
final class K2_Driver_Redirect extends Exception {
}

/** Thrown instead of wp_die(), so a refusal can be reported. */
final class K2_Driver_Died extends Exception {
}

add_filter(
	'wp_redirect',
	static function ( $location ) {
		throw new K2_Driver_Redirect( (string) $location );
	}
);
add_filter(
	'wp_die_handler',
	static function () {
		return static function ( $message, $title = '', $args = array() ) {
			$text = $message instanceof WP_Error ? $message->get_error_message() : (string) $message;
			throw new K2_Driver_Died( wp_strip_all_tags( $text ), (int) ( $args['response'] ?? 500 ) );
		};
	}
);
add_action(
	'doing_it_wrong_run',
	static function ( $function_name, $message ) use ( &$k2_plugin_problems ) {
		$k2_plugin_problems[] = "doing it wrong: $function_name: $message";
	},
	10,
	2
);

function k2_out( $value ): void {
	echo json_encode( $value, JSON_UNESCAPED_SLASHES | JSON_PRETTY_PRINT ), "\n";
}

function k2_arg( array $args, int $index, string $name ): string {
	if ( ! isset( $args[ $index ] ) ) {
		fwrite( STDERR, "wp-driver: missing argument $name\n" );
		exit( 2 );
	}
	return $args[ $index ];
}

function k2_as( string $login ): void {
	$user = get_user_by( 'login', $login );
	if ( ! $user ) {
		$id   = wp_insert_user(
			array(
				'user_login' => $login,
				'user_pass'  => wp_generate_password(),
				'user_email' => $login . '@example.org',
				'role'       => $login,
			)
		);
		$user = get_user_by( 'id', $id );
	}
	wp_set_current_user( $user->ID );
}

function k2_meta( int $post_id ): array {
	wp_cache_delete( $post_id, 'post_meta' );
	$meta = array();
	foreach ( array( 'spec' => '_k2_trophy_spec', 'status' => '_k2_build_status', 'job' => '_k2_build_job', 'progress' => '_k2_build_progress', 'error' => '_k2_build_error' ) as $name => $key ) {
		$rows          = get_post_meta( $post_id, $key, false );
		$meta[ $name ] = array() === $rows ? null : $rows[0];
		$meta[ $name . '_rows' ] = count( $rows );
	}
	return $meta;
}

try {
	switch ( $command ) {
		case 'install':
			require_once ABSPATH . 'wp-admin/includes/upgrade.php';
			$installed = wp_install( 'K2 test site', 'admin', 'admin@example.org', false, '', wp_generate_password() );
			k2_out( array( 'user_id' => $installed['user_id'] ) );
			break;

		case 'activate':
			require_once ABSPATH . 'wp-admin/includes/plugin.php';
			$result = activate_plugin( 'k2-trophy-builder/k2-trophy-builder.php' );
			if ( is_wp_error( $result ) ) {
				throw new RuntimeException( $result->get_error_message() );
			}
			k2_out( array( 'active' => is_plugin_active( 'k2-trophy-builder/k2-trophy-builder.php' ) ) );
			break;

		case 'create-trophy':
			// As an editor would through the API: wp_insert_post, then update_post_meta with a slashed value.
			// Optional: the post status (default publish) and the author's login (default admin).
			k2_as( $args[3] ?? 'admin' );
			$post_id = wp_insert_post(
				array(
					'post_type'   => 'k2_trophy',
					'post_status' => $args[2] ?? 'publish',
					'post_title'  => k2_arg( $args, 0, 'TITLE' ),
				),
				true
			);
			if ( is_wp_error( $post_id ) ) {
				throw new RuntimeException( $post_id->get_error_message() );
			}
			update_post_meta( $post_id, '_k2_trophy_spec', wp_slash( (string) file_get_contents( k2_arg( $args, 1, 'SPEC_FILE' ) ) ) );
			k2_out( array( 'post_id' => $post_id ) );
			break;

		case 'new-trophy':
			// What wp-admin/post-new.php?post_type=k2_trophy does for USER: the create capability, then an auto-draft.
			k2_as( k2_arg( $args, 0, 'USER' ) );
			require_once ABSPATH . 'wp-admin/includes/admin.php';
			try {
				if ( ! current_user_can( get_post_type_object( 'k2_trophy' )->cap->create_posts ) ) {
					wp_die( __( 'Sorry, you are not allowed to create posts as this user.' ), 403 );
				}
				k2_out( array( 'outcome' => 'created', 'post_id' => get_default_post_to_edit( 'k2_trophy', true )->ID ) );
			} catch ( K2_Driver_Died $died ) {
				k2_out( array( 'outcome' => 'died', 'status' => $died->getCode(), 'message' => $died->getMessage() ) );
			}
			break;

		case 'user-can':
			// Whether USER has CAP (for POST_ID when given).
			k2_as( k2_arg( $args, 0, 'USER' ) );
			$cap = k2_arg( $args, 1, 'CAP' );
			k2_out( array( 'can' => isset( $args[2] ) ? current_user_can( $cap, (int) $args[2] ) : current_user_can( $cap ) ) );
			break;

		case 'grant-cap':
			// Gives ROLE the capability CAP; a missing ROLE is made first with the capabilities of BASE_ROLE.
			$name = k2_arg( $args, 0, 'ROLE' );
			if ( null === get_role( $name ) ) {
				add_role( $name, $name, get_role( k2_arg( $args, 2, 'BASE_ROLE' ) )->capabilities );
			}
			get_role( $name )->add_cap( k2_arg( $args, 1, 'CAP' ) );
			k2_out( array( 'granted' => true ) );
			break;

		case 'uninstall':
			// The plugin's uninstall.php, as Plugins > Delete runs it.
			require_once ABSPATH . 'wp-admin/includes/plugin.php';
			deactivate_plugins( 'k2-trophy-builder/k2-trophy-builder.php', true );
			uninstall_plugin( 'k2-trophy-builder/k2-trophy-builder.php' );
			k2_out( array( 'active' => is_plugin_active( 'k2-trophy-builder/k2-trophy-builder.php' ) ) );
			break;

		case 'press':
			// What the K2 Builds page's button posts to admin-post.php, handled by the plugin's admin-post handler.
			$post_id = (int) k2_arg( $args, 0, 'POST_ID' );
			k2_as( $args[2] ?? 'admin' );
			$_POST    = wp_slash(
				array(
					'action'            => K2TB_Actions::ACTION,
					'post_id'           => (string) $post_id,
					'k2tb_build_action' => k2_arg( $args, 1, 'ACTION' ),
					K2TB_Actions::NONCE => 'bad-nonce' === ( $args[3] ?? '' ) ? 'not-a-nonce' : wp_create_nonce( K2TB_Actions::nonce_action( $post_id ) ),
				)
			);
			$_REQUEST = $_POST;
			$_SERVER['HTTP_REFERER'] = K2TB_Builds_Page::url();
			try {
				do_action( 'admin_post_' . K2TB_Actions::ACTION );
				k2_out( array( 'outcome' => 'returned' ) );
			} catch ( K2_Driver_Redirect $redirect ) {
				k2_out( array( 'outcome' => 'redirect', 'location' => $redirect->getMessage() ) );
			} catch ( K2_Driver_Died $died ) {
				k2_out( array( 'outcome' => 'died', 'status' => $died->getCode(), 'message' => $died->getMessage() ) );
			}
			break;

		case 'save-editor':
			// The trophy edit form submitted with one of the meta box's buttons, through WordPress's edit_post().
			// Optional after the action: the user (default admin) and the post status asked for (default publish).
			$post_id = (int) k2_arg( $args, 0, 'POST_ID' );
			k2_as( $args[3] ?? 'admin' );
			$_POST    = wp_slash(
				array(
					'post_ID'           => (string) $post_id,
					'post_type'         => 'k2_trophy',
					'post_title'        => get_the_title( $post_id ),
					'action'            => 'editpost',
					'originalaction'    => 'editpost',
					'post_status'       => $args[4] ?? 'publish',
					'k2tb_spec'         => (string) file_get_contents( k2_arg( $args, 1, 'SPEC_FILE' ) ),
					'k2tb_spec_nonce'   => wp_create_nonce( K2TB_Meta_Box::NONCE_ACTION ),
					'k2tb_build_action' => $args[2] ?? '',
				)
			);
			$_REQUEST = $_POST;
			require_once ABSPATH . 'wp-admin/includes/admin.php';
			try {
				edit_post();
			} catch ( K2_Driver_Died $died ) {
				k2_out( array( 'outcome' => 'died', 'status' => $died->getCode(), 'message' => $died->getMessage() ) );
				break;
			}
			k2_out(
				array(
					'outcome'     => 'saved',
					'post_status' => get_post_status( $post_id ),
					'notice'      => get_transient( 'k2tb_notice_' . get_current_user_id() . '_' . $post_id ),
				)
			);
			break;

		case 'meta':
			k2_out( k2_meta( (int) k2_arg( $args, 0, 'POST_ID' ) ) );
			break;

		case 'set-meta':
			update_post_meta( (int) k2_arg( $args, 0, 'POST_ID' ), k2_arg( $args, 1, 'KEY' ), wp_slash( k2_arg( $args, 2, 'VALUE' ) ) );
			k2_out( k2_meta( (int) $args[0] ) );
			break;

		case 'render-meta-box':
			k2_as( 'admin' );
			require_once ABSPATH . 'wp-admin/includes/admin.php';
			K2TB_Meta_Box::render( get_post( (int) k2_arg( $args, 0, 'POST_ID' ) ) );
			break;

		case 'render-builds-page':
			// Optional: the user (default admin) and the page's query string, e.g. k2tb_done=build after a button.
			k2_as( $args[0] ?? 'admin' );
			parse_str( $args[1] ?? '', $_GET );
			require_once ABSPATH . 'wp-admin/includes/admin.php';
			K2TB_Builds_Page::render();
			break;

		case 'render-notice':
			// The admin notice the trophy edit screen (post.php?post=POST_ID&action=edit) prints after a save.
			k2_as( 'admin' );
			require_once ABSPATH . 'wp-admin/includes/admin.php';
			$GLOBALS['post'] = get_post( (int) k2_arg( $args, 0, 'POST_ID' ) );
			set_current_screen( 'k2_trophy' );
			K2TB_Meta_Box::render_notice();
			break;

		case 'render-trophies-list':
			// The table of Trophies (edit.php?post_type=k2_trophy), by WordPress's own list table.
			k2_as( 'admin' );
			require_once ABSPATH . 'wp-admin/includes/admin.php';
			set_current_screen( 'edit-k2_trophy' );
			$GLOBALS['typenow'] = 'k2_trophy';
			$_GET['post_type']  = 'k2_trophy';
			$_REQUEST['post_type'] = 'k2_trophy';
			$table = _get_list_table( 'WP_Posts_List_Table', array( 'screen' => 'edit-k2_trophy' ) );
			$table->prepare_items();
			$table->display();
			break;

		case 'edit-screen':
			// wp-admin/post.php?post=POST_ID&action=edit&message=MESSAGE: what post.php sets up, then core's own
			// edit-form-advanced.php (admin header, notices and the form with its meta boxes).
			k2_as( 'admin' );
			require_once ABSPATH . 'wp-admin/includes/admin.php';
			$_SERVER['REQUEST_METHOD'] = 'GET';
			$_GET['message'] = k2_arg( $args, 1, 'MESSAGE' );
			global $post, $post_type, $post_type_object, $title, $parent_file, $submenu_file, $post_new_file, $pagenow, $hook_suffix, $typenow;
			$post_ID          = (int) k2_arg( $args, 0, 'POST_ID' );
			$post             = get_post( $post_ID, OBJECT, 'edit' );
			$post_type        = $post->post_type;
			$typenow          = $post_type;
			$post_type_object = get_post_type_object( $post_type );
			$title            = $post_type_object->labels->edit_item;
			$parent_file      = "edit.php?post_type=$post_type";
			$submenu_file     = "edit.php?post_type=$post_type";
			$post_new_file    = "post-new.php?post_type=$post_type";
			$pagenow          = 'post.php';
			$hook_suffix      = 'post.php';
			set_current_screen( $post_type );
			require ABSPATH . 'wp-admin/edit-form-advanced.php';
			break;

		case 'set-bridge':
			$settings                  = K2TB_Settings::get();
			$settings['bridge_host']   = k2_arg( $args, 0, 'HOST' );
			$settings['bridge_port']   = (int) k2_arg( $args, 1, 'PORT' );
			$settings['bridge_socket'] = $args[2] ?? '';
			update_option( K2TB_Settings::OPTION, $settings );
			k2_out( K2TB_Settings::get() );
			break;

		case 'set-endpoint':
			// Settings > K2 Trophy Builder's image endpoint and token, through the settings' own sanitizer: URL TOKEN.
			k2_as( 'admin' );
			update_option(
				K2TB_Settings::OPTION,
				K2TB_Settings::sanitize(
					array_merge(
						K2TB_Settings::get(),
						array(
							'images_endpoint' => k2_arg( $args, 0, 'URL' ),
							'images_token'    => k2_arg( $args, 1, 'TOKEN' ),
						)
					)
				)
			);
			k2_out( array( 'images_endpoint' => K2TB_Settings::images_endpoint() ) );
			break;

		case 'render-settings-field':
			// One field of Settings > K2 Trophy Builder as the settings page prints it: KEY.
			k2_as( 'admin' );
			$k2_key = k2_arg( $args, 0, 'KEY' );
			K2TB_Settings::field(
				array(
					'key'       => $k2_key,
					'type'      => 'images_token' === $k2_key ? 'password' : 'text',
					'label_for' => 'k2tb-' . $k2_key,
				)
			);
			break;

		case 'set-password':
			// LOGIN PASSWORD: for a browser that logs in through wp-login.php.
			$user = get_user_by( 'login', k2_arg( $args, 0, 'LOGIN' ) );
			wp_set_password( k2_arg( $args, 1, 'PASSWORD' ), $user->ID );
			k2_out( array( 'user_id' => $user->ID ) );
			break;

		case 'upload-media':
			// FILE into the Media Library, as Media > Add New stores it (media_handle_sideload: a copy in uploads/, an
			// attachment post); prints its id and its path relative to the uploads folder.
			k2_as( 'admin' );
			require_once ABSPATH . 'wp-admin/includes/admin.php';
			$k2_source = k2_arg( $args, 0, 'FILE' );
			$k2_copy   = wp_tempnam( basename( $k2_source ) );
			copy( $k2_source, $k2_copy );
			$k2_id = media_handle_sideload( array( 'name' => $args[1] ?? basename( $k2_source ), 'tmp_name' => $k2_copy ), 0 );
			if ( is_wp_error( $k2_id ) ) {
				throw new RuntimeException( $k2_id->get_error_message() );
			}
			k2_out( array( 'id' => $k2_id, 'path' => get_post_meta( $k2_id, '_wp_attached_file', true ) ) );
			break;

		case 'editor-ajax':
			// What the trophy editor posts to admin-ajax.php: KIND (validate|preview) POST_ID SPEC_FILE KEY [USER] [bad-nonce],
			// through the plugin's own checks and forwarding; prints the answer the browser would get (body in base64).
			$post_id = (int) k2_arg( $args, 1, 'POST_ID' );
			k2_as( $args[4] ?? 'admin' );
			$_POST    = wp_slash(
				array(
					'action'  => 'k2tb_' . k2_arg( $args, 0, 'KIND' ),
					'post_id' => (string) $post_id,
					'spec'    => (string) file_get_contents( k2_arg( $args, 2, 'SPEC_FILE' ) ),
					'key'     => $args[3] ?? '',
					'nonce'   => 'bad-nonce' === ( $args[5] ?? '' ) ? 'not-a-nonce' : wp_create_nonce( K2TB_Editor::nonce_action( $post_id ) ),
				)
			);
			$_REQUEST = $_POST;
			$answer   = K2TB_Editor::answer( $args[0] );
			k2_out(
				array(
					'status' => $answer['status'],
					'type'   => $answer['type'],
					'body'   => base64_encode( $answer['body'] ),
				)
			);
			break;

		case 'build-rate':
			// What the trophy editor is told of the daemon's rate, from a K2TB_Bridge::status() answer in BRIDGE_FILE (JSON).
			k2_out( K2TB_Build_Rate::for_editor( json_decode( (string) file_get_contents( k2_arg( $args, 0, 'BRIDGE_FILE' ) ), true ) ) );
			break;

		case 'image-url':
			$choices = json_decode( $args[1] ?? '{}', true );
			k2_out( array( 'url' => k2tb_image_url( (int) k2_arg( $args, 0, 'POST_ID' ), is_array( $choices ) ? $choices : array(), $args[2] ?? '' ) ) );
			break;

		case 'set-images':
			// Settings > K2 Trophy Builder's image fields, through the settings' own sanitizer: IMAGES_DIR FALLBACK_URL [IMAGES_URL].
			k2_as( 'admin' );
			$settings = K2TB_Settings::sanitize(
				array_merge(
					K2TB_Settings::get(),
					array(
						'images_dir'   => k2_arg( $args, 0, 'IMAGES_DIR' ),
						'fallback_url' => k2_arg( $args, 1, 'FALLBACK_URL' ),
						'images_url'   => $args[2] ?? K2TB_Settings::get()['images_url'],
					)
				)
			);
			update_option( K2TB_Settings::OPTION, $settings );
			k2_out( K2TB_Settings::get() );
			break;

		case 'render-builder':
			// The page a customer gets for [k2_trophy_builder trophy="TROPHY"] with the query string QUERY (e.g.
			// trophy=x&k2=a_b_c), as a visitor (no user); 'block' as the third argument renders the block instead.
			wp_set_current_user( 0 );
			parse_str( $args[1] ?? '', $_GET );
			$_GET = wp_slash( $_GET );
			$trophy = k2_arg( $args, 0, 'TROPHY' );
			echo 'block' === ( $args[2] ?? '' )
				? do_blocks( '<!-- wp:k2/trophy-builder ' . wp_json_encode( array( 'trophy' => $trophy ) ) . ' /-->' )
				: do_shortcode( '[k2_trophy_builder trophy="' . esc_attr( $trophy ) . '"]' );
			break;

		case 'render-gallery':
			// The trophy edit screen's Images box with the query string QUERY (k2tb_filter[slot]=option, k2tb_failed=1, k2tb_paged=N).
			k2_as( $args[2] ?? 'admin' );
			parse_str( $args[1] ?? '', $_GET );
			$_GET = wp_slash( $_GET );
			require_once ABSPATH . 'wp-admin/includes/admin.php';
			K2TB_Gallery::render( get_post( (int) k2_arg( $args, 0, 'POST_ID' ) ) );
			break;

		case 'create-page':
			// A published page with CONTENT (e.g. the builder's shortcode), as a shop's product page.
			k2_as( 'admin' );
			$page_id = wp_insert_post( array( 'post_type' => 'page', 'post_status' => 'publish', 'post_title' => k2_arg( $args, 0, 'TITLE' ), 'post_content' => k2_arg( $args, 1, 'CONTENT' ) ), true );
			if ( is_wp_error( $page_id ) ) {
				throw new RuntimeException( $page_id->get_error_message() );
			}
			k2_out( array( 'page_id' => $page_id, 'permalink' => get_permalink( $page_id ) ) );
			break;

		case 'switch-theme':
			switch_theme( k2_arg( $args, 0, 'STYLESHEET' ) );
			k2_out( array( 'theme' => get_stylesheet() ) );
			break;

		default:
			fwrite( STDERR, "wp-driver: unknown command '$command'\n" );
			exit( 2 );
	}
} catch ( Throwable $e ) {
	fwrite( STDERR, 'wp-driver: ' . get_class( $e ) . ': ' . $e->getMessage() . "\n" . $e->getTraceAsString() . "\n" );
	exit( 3 );
}

if ( array() !== $k2_plugin_problems ) {
	fwrite( STDERR, "wp-driver: the plugin raised:\n" . implode( "\n", $k2_plugin_problems ) . "\n" );
	exit( 4 );
}
