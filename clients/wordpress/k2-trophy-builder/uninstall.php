<?php
/**
 * Removes the plugin's settings and the trophy capabilities from every role. Trophies, their specs and build flags
 * stay: they are content, and the rendered images are the daemon's to remove.
 *
 * @package K2_Trophy_Builder
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

require_once __DIR__ . '/includes/class-k2tb-post-type.php';

delete_option( 'k2tb_settings' );
K2TB_Post_Type::remove_caps();
