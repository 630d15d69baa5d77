<?php
/**
 * The Images meta box on the trophy edit screen: the built combinations, paged, filtered by option.
 *
 * @package K2_Trophy_Builder
 */

defined( 'ABSPATH' ) || exit;

/**
 * Shows the trophy's combinations as a grid of their smallest images, those that failed marked with the reason the
 * build recorded (`key: message` lines of _k2_build_error), and links to the builder on the trophy's page. The box sits
 * inside the post form, so its filters and pages are links, not a nested form.
 */
final class K2TB_Gallery {

	const PER_PAGE = 24;

	/**
	 * Hooks the box.
	 */
	public static function hook() {
		add_action( 'add_meta_boxes_' . K2TB_Post_Type::NAME, array( __CLASS__, 'add' ) );
	}

	/**
	 * Adds the box.
	 */
	public static function add() {
		add_meta_box( 'k2tb-images', __( 'Images', 'k2-trophy-builder' ), array( __CLASS__, 'render' ), K2TB_Post_Type::NAME, 'normal', 'default' );
	}

	/**
	 * The failed combinations the build recorded: key => reason.
	 *
	 * @param array  $spec  From K2TB_Combinations::of().
	 * @param string $error The _k2_build_error text.
	 * @return array
	 */
	public static function failures( array $spec, $error ) {
		$failed = array();
		foreach ( explode( "\n", $error ) as $line ) {
			$colon = strpos( $line, ': ' );
			if ( false !== $colon && null !== K2TB_Combinations::from_key( $spec, substr( $line, 0, $colon ) ) ) {
				$failed[ substr( $line, 0, $colon ) ] = substr( $line, $colon + 2 );
			}
		}
		return $failed;
	}

	/**
	 * Prints the box.
	 *
	 * @param WP_Post $post The trophy.
	 */
	public static function render( $post ) {
		if ( ! current_user_can( 'edit_post', $post->ID ) ) {
			return;
		}
		$spec = K2TB_Combinations::of( $post->ID );
		if ( null === $spec ) {
			echo '<p>' . esc_html__( 'The spec cannot be read, so there are no images to show.', 'k2-trophy-builder' ) . '</p>';
			return;
		}
		$failed = self::failures( $spec, K2TB_Flags::read( $post->ID )['error'] );
		// phpcs:disable WordPress.Security.NonceVerification.Recommended -- read-only view; values are checked against the spec.
		$filter = isset( $_GET['k2tb_filter'] ) && is_array( $_GET['k2tb_filter'] ) ? array_map( 'sanitize_key', wp_unslash( $_GET['k2tb_filter'] ) ) : array();
		$only   = ! empty( $_GET['k2tb_failed'] );
		$page   = isset( $_GET['k2tb_paged'] ) ? max( 1, absint( $_GET['k2tb_paged'] ) ) : 1;
		// phpcs:enable
		// Only slots of the spec, each with one of its choices; a filter that names anything else shows everything.
		$filter = array_intersect_key( array_filter( $filter ), array_flip( array_column( $spec['slots'], 'id' ) ) );
		if ( null === K2TB_Combinations::complete( $spec, $filter ) ) {
			$filter = array();
		}
		$view = static function ( array $changes ) use ( $post, $filter, $only ) {
			$args = array_merge(
				array(
					'filter' => $filter,
					'failed' => $only,
					'paged'  => 1,
				),
				$changes
			);
			return add_query_arg(
				array(
					'post'        => $post->ID,
					'action'      => 'edit',
					'k2tb_filter' => array() === $args['filter'] ? false : $args['filter'],
					'k2tb_failed' => $args['failed'] ? 1 : false,
					'k2tb_paged'  => $args['paged'] > 1 ? $args['paged'] : false,
				),
				admin_url( 'post.php' )
			) . '#k2tb-images';
		};

		if ( 'publish' === $post->post_status ) {
			printf( '<p><a class="k2tb-preview" href="%1$s">%2$s</a></p>', esc_url( (string) get_permalink( $post ) ), esc_html__( 'Preview the builder', 'k2-trophy-builder' ) );
		} else {
			echo '<p>' . esc_html__( 'Publish the trophy to preview its builder.', 'k2-trophy-builder' ) . '</p>';
		}
		self::filters( $spec, $filter, $only, $view, count( $failed ) );

		$keys  = $only ? self::failed_matching( $spec, $failed, $filter ) : null;
		$total = null === $keys ? self::matching_count( $spec, $filter ) : count( $keys );
		$pages = max( 1, (int) ceil( $total / self::PER_PAGE ) );
		$page  = min( $page, $pages );
		/* translators: 1: combinations shown, 2: page, 3: pages */
		echo '<p class="k2tb-grid-count">' . esc_html( sprintf( __( '%1$s combinations, page %2$d of %3$d', 'k2-trophy-builder' ), number_format_i18n( $total ), $page, $pages ) ) . '</p>';
		echo '<ul class="k2tb-grid">';
		$suffix = array() === $spec['sizes'] ? '' : (string) array_search( min( $spec['sizes'] ), $spec['sizes'], true );
		for ( $i = ( $page - 1 ) * self::PER_PAGE; $i < min( $total, $page * self::PER_PAGE ); $i++ ) {
			$chosen = null === $keys ? self::matching_at( $spec, $filter, $i ) : K2TB_Combinations::from_key( $spec, $keys[ $i ] );
			self::cell( $spec, $chosen, $suffix, $failed, $post );
		}
		echo '</ul>';
		self::pager( $view, $page, $pages );
	}

	/**
	 * Prints one combination.
	 *
	 * @param array   $spec   From K2TB_Combinations::of().
	 * @param array   $chosen A complete combination.
	 * @param string  $suffix The size shown.
	 * @param array   $failed Key => reason.
	 * @param WP_Post $post   The trophy.
	 */
	private static function cell( array $spec, array $chosen, $suffix, array $failed, $post ) {
		$key    = K2TB_Combinations::key( $chosen );
		$reason = $failed[ $key ] ?? null;
		$class  = null !== $reason ? 'k2tb-failed' : ( K2TB_Images::exists( $spec, $chosen ) ? 'k2tb-built' : 'k2tb-missing' );
		printf( '<li class="k2tb-cell %1$s" data-key="%2$s">', esc_attr( $class ), esc_attr( $key ) );
		if ( 'k2tb-built' === $class && K2TB_Images::exists( $spec, $chosen, $suffix ) ) {
			printf( '<img src="%1$s" alt="%2$s" loading="lazy" width="80">', esc_url( K2TB_Images::static_url( $spec, $chosen, $suffix ) ), esc_attr( K2TB_Storefront::alt( $spec, $chosen ) ) );
		}
		printf( '<code>%s</code>', esc_html( $key ) );
		if ( null !== $reason ) {
			printf( '<span class="k2tb-reason"><strong>%1$s</strong> %2$s</span>', esc_html__( 'Failed:', 'k2-trophy-builder' ), esc_html( $reason ) );
		} elseif ( 'k2tb-missing' === $class ) {
			echo '<span class="k2tb-reason">' . esc_html__( 'Not built', 'k2-trophy-builder' ) . '</span>';
		}
		if ( 'publish' === $post->post_status ) {
			printf(
				'<a href="%1$s">%2$s</a>',
				esc_url(
					add_query_arg(
						array(
							'trophy' => $spec['slug'],
							'k2'     => $key,
						),
						(string) get_permalink( $post )
					)
				),
				esc_html__( 'In the builder', 'k2-trophy-builder' )
			);
		}
		echo '</li>';
	}

	/**
	 * Prints the filter links: per slot, All and each choice; and All images / Failed only.
	 *
	 * @param array    $spec   From K2TB_Combinations::of().
	 * @param array    $filter Slot id => option id.
	 * @param bool     $only   Failed only.
	 * @param callable $view   Changes => the URL of that view.
	 * @param int      $failed How many failed.
	 */
	private static function filters( array $spec, array $filter, $only, $view, $failed ) {
		$items = array();
		foreach ( $spec['slots'] as $slot ) {
			$others = array_diff_key( $filter, array( $slot['id'] => true ) );
			$links  = array( self::link( $view( array( 'filter' => $others ) ), __( 'All', 'k2-trophy-builder' ), ! isset( $filter[ $slot['id'] ] ) ) );
			foreach ( K2TB_Combinations::choice_ids( $slot ) as $option ) {
				$label   = 'none' === $option ? __( 'None', 'k2-trophy-builder' ) : $slot['options'][ $option ];
				$links[] = self::link( $view( array( 'filter' => $others + array( $slot['id'] => $option ) ) ), $label, ( $filter[ $slot['id'] ] ?? null ) === $option );
			}
			$items[] = esc_html( $slot['label'] ) . ': ' . implode( ' | ', $links );
		}
		/* translators: %d: number of failed combinations */
		$failed_label = sprintf( __( 'Failed only (%d)', 'k2-trophy-builder' ), $failed );
		$items[]      = self::link( $view( array( 'failed' => false ) ), __( 'All images', 'k2-trophy-builder' ), ! $only ) . ' | '
			. self::link( $view( array( 'failed' => true ) ), $failed_label, $only );
		echo '<ul class="k2tb-filters"><li>' . implode( '</li><li>', $items ) . '</li></ul>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- escaped above and by link().
	}

	/**
	 * Prints Previous / Next.
	 *
	 * @param callable $view  Changes => the URL of that view.
	 * @param int      $page  Current page.
	 * @param int      $pages Pages.
	 */
	private static function pager( $view, $page, $pages ) {
		$links = array();
		if ( $page > 1 ) {
			$links[] = self::link( $view( array( 'paged' => $page - 1 ) ), __( '« Previous', 'k2-trophy-builder' ), false );
		}
		if ( $page < $pages ) {
			$links[] = self::link( $view( array( 'paged' => $page + 1 ) ), __( 'Next »', 'k2-trophy-builder' ), false );
		}
		echo '<p class="k2tb-pager">' . implode( ' ', $links ) . '</p>'; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- built by link().
	}

	/**
	 * An escaped link, or the escaped text marked current.
	 *
	 * @param string $url     Target.
	 * @param string $text    Plain text.
	 * @param bool   $current Whether it is the view shown.
	 * @return string
	 */
	private static function link( $url, $text, $current ) {
		return $current ? '<strong aria-current="true">' . esc_html( $text ) . '</strong>' : '<a href="' . esc_url( $url ) . '">' . esc_html( $text ) . '</a>';
	}

	/**
	 * The choices each slot may take under the filter.
	 *
	 * @param array $spec   From K2TB_Combinations::of().
	 * @param array $filter Slot id => option id.
	 * @return array Slot id => choice ids.
	 */
	private static function lists( array $spec, array $filter ) {
		$lists = array();
		foreach ( $spec['slots'] as $slot ) {
			$lists[ $slot['id'] ] = isset( $filter[ $slot['id'] ] ) ? array( $filter[ $slot['id'] ] ) : K2TB_Combinations::choice_ids( $slot );
		}
		return $lists;
	}

	/**
	 * How many combinations the filter keeps.
	 *
	 * @param array $spec   From K2TB_Combinations::of().
	 * @param array $filter Slot id => option id.
	 * @return int
	 */
	private static function matching_count( array $spec, array $filter ) {
		return (int) array_product( array_map( 'count', self::lists( $spec, $filter ) ) );
	}

	/**
	 * The i-th combination the filter keeps, in the daemon's order (last slot fastest), without listing the others.
	 *
	 * @param array $spec   From K2TB_Combinations::of().
	 * @param array $filter Slot id => option id.
	 * @param int   $index  0 .. matching_count() - 1.
	 * @return array A complete combination.
	 */
	private static function matching_at( array $spec, array $filter, $index ) {
		$chosen = array();
		foreach ( array_reverse( self::lists( $spec, $filter ), true ) as $slot => $ids ) {
			$chosen[ $slot ] = $ids[ $index % count( $ids ) ];
			$index           = intdiv( $index, count( $ids ) );
		}
		return array_reverse( $chosen, true );
	}

	/**
	 * The failed keys the filter keeps.
	 *
	 * @param array $spec   From K2TB_Combinations::of().
	 * @param array $failed Key => reason.
	 * @param array $filter Slot id => option id.
	 * @return string[]
	 */
	private static function failed_matching( array $spec, array $failed, array $filter ) {
		$keys = array();
		foreach ( array_keys( $failed ) as $key ) {
			$chosen = K2TB_Combinations::from_key( $spec, (string) $key );
			if ( array_intersect_assoc( $filter, $chosen ) === $filter ) {
				$keys[] = (string) $key;
			}
		}
		return $keys;
	}
}
