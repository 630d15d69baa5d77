<?php
/**
 * Plugin Name:       K2 Trophy Builder
 * Description:       Keeps trophy specs in WordPress and has the K2Orleans daemon pre-render every combination's images.
 * Version:           1.0.0
 * Requires at least: 6.0
 * Requires PHP:      8.1
 * Author:            K2Orleans
 * Text Domain:       k2-trophy-builder
 *
 * @package K2_Trophy_Builder
 */

defined( 'ABSPATH' ) || exit;

define( 'K2TB_VERSION', '1.0.0' );
define( 'K2TB_FILE', __FILE__ );
define( 'K2TB_DIR', plugin_dir_path( __FILE__ ) );

require_once K2TB_DIR . 'includes/class-k2tb-flags.php';
require_once K2TB_DIR . 'includes/class-k2tb-post-type.php';
require_once K2TB_DIR . 'includes/class-k2tb-format.php';
require_once K2TB_DIR . 'includes/class-k2tb-settings.php';
require_once K2TB_DIR . 'includes/class-k2tb-rules.php';
require_once K2TB_DIR . 'includes/class-k2tb-bridge.php';
require_once K2TB_DIR . 'includes/class-k2tb-health.php';
require_once K2TB_DIR . 'includes/class-k2tb-actions.php';
require_once K2TB_DIR . 'includes/class-k2tb-meta-box.php';
require_once K2TB_DIR . 'includes/class-k2tb-build-rate.php';
require_once K2TB_DIR . 'includes/class-k2tb-editor.php';
require_once K2TB_DIR . 'includes/class-k2tb-builds-page.php';
require_once K2TB_DIR . 'includes/class-k2tb-trophy-list.php';
require_once K2TB_DIR . 'includes/class-k2tb-combinations.php';
require_once K2TB_DIR . 'includes/class-k2tb-images.php';
require_once K2TB_DIR . 'includes/class-k2tb-storefront.php';
require_once K2TB_DIR . 'includes/class-k2tb-gallery.php';
require_once K2TB_DIR . 'includes/functions.php';

add_action( 'init', array( 'K2TB_Post_Type', 'register' ) );
K2TB_Storefront::hook();
register_activation_hook( __FILE__, array( 'K2TB_Post_Type', 'activate' ) );

if ( is_admin() ) {
	add_action( 'admin_init', array( 'K2TB_Post_Type', 'maybe_grant_caps' ) );
	add_filter( 'post_updated_messages', array( 'K2TB_Post_Type', 'updated_messages' ) );
	K2TB_Settings::hook();
	K2TB_Actions::hook();
	K2TB_Meta_Box::hook();
	K2TB_Editor::hook();
	K2TB_Gallery::hook();
	K2TB_Builds_Page::hook();
	K2TB_Trophy_List::hook();
}
