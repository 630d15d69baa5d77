<?php
/**
 * The Build status column of the Trophies list.
 *
 * @package K2_Trophy_Builder
 */

defined( 'ABSPATH' ) || exit;

/**
 * Adds a Build status column to Trophies (edit.php?post_type=k2_trophy), from the postmeta flags alone: the list must
 * not wait for the status bridge, and K2 Builds has the live figures.
 */
final class K2TB_Trophy_List {

	const COLUMN = 'k2tb_build';

	/**
	 * Hooks the column.
	 */
	public static function hook() {
		add_filter( 'manage_' . K2TB_Post_Type::NAME . '_posts_columns', array( __CLASS__, 'columns' ) );
		add_action( 'manage_' . K2TB_Post_Type::NAME . '_posts_custom_column', array( __CLASS__, 'render' ), 10, 2 );
	}

	/**
	 * Puts the column before the date.
	 *
	 * @param string[] $columns Column key => heading.
	 * @return string[]
	 */
	public static function columns( $columns ) {
		$with = array();
		foreach ( $columns as $key => $heading ) {
			if ( 'date' === $key ) {
				$with[ self::COLUMN ] = __( 'Build status', 'k2-trophy-builder' );
			}
			$with[ $key ] = $heading;
		}
		if ( ! isset( $with[ self::COLUMN ] ) ) {
			$with[ self::COLUMN ] = __( 'Build status', 'k2-trophy-builder' );
		}
		return $with;
	}

	/**
	 * Prints one trophy's cell: the headline and, when there are figures, how many images are built.
	 *
	 * @param string $column  Column key.
	 * @param int    $post_id Trophy post id.
	 */
	public static function render( $column, $post_id ) {
		if ( self::COLUMN !== $column ) {
			return;
		}
		$flags = K2TB_Flags::read( $post_id );
		printf(
			'<span class="k2tb-status k2tb-status-%1$s">%2$s</span>',
			esc_attr( sanitize_html_class( $flags['status'] ) ),
			esc_html( K2TB_Format::headline( $flags['status'], $flags['progress'] ) )
		);
		if ( null !== $flags['progress'] ) {
			$built = (int) $flags['progress']['done'] + (int) $flags['progress']['skipped'];
			/* translators: 1: images built, 2: all images */
			echo '<br><span class="k2tb-counts">' . esc_html( sprintf( __( '%1$s of %2$s built', 'k2-trophy-builder' ), number_format_i18n( $built ), number_format_i18n( (int) $flags['progress']['total'] ) ) ) . '</span>';
		}
	}
}
