<?php
/**
 * Removes the plugin's settings. Trophies, their specs and build flags stay: they are content, and the rendered
 * images are the daemon's to remove.
 *
 * @package K2_Trophy_Builder
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

delete_option( 'k2tb_settings' );
