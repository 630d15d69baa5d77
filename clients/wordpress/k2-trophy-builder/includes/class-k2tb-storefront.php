<?php
/**
 * The customer's trophy builder: shortcode [k2_trophy_builder trophy="..."] and block k2/trophy-builder.
 *
 * @package K2_Trophy_Builder
 */

defined( 'ABSPATH' ) || exit;

/**
 * Prints the builder: one <img> of the chosen combination and a GET form with one control per slot whose values are
 * option ids, so without JavaScript a submit shows the combination and with it (assets/builder.js) the image's src
 * swaps between pre-rendered files. Nothing is composited in the browser.
 */
final class K2TB_Storefront {

	/**
	 * Slots with more choices than this get a select instead of radio swatches.
	 */
	const MAX_SWATCHES = 8;

	/**
	 * Hooks the shortcode, the block, the assets and the trophy page's builder.
	 */
	public static function hook() {
		add_action( 'init', array( __CLASS__, 'register' ) );
		add_filter( 'the_content', array( __CLASS__, 'trophy_page' ) );
	}

	/**
	 * Registers the assets, the shortcode and the block (block.json; its editor script needs no build step).
	 */
	public static function register() {
		wp_register_script( 'k2tb-builder', plugins_url( 'assets/builder.js', K2TB_FILE ), array(), K2TB_VERSION, true );
		wp_register_style( 'k2tb-builder', plugins_url( 'assets/builder.css', K2TB_FILE ), array(), K2TB_VERSION );
		add_shortcode( 'k2_trophy_builder', array( __CLASS__, 'shortcode' ) );
		if ( function_exists( 'register_block_type' ) ) {
			register_block_type( K2TB_DIR . 'blocks/trophy-builder', array( 'render_callback' => array( __CLASS__, 'block' ) ) );
		}
	}

	/**
	 * [k2_trophy_builder trophy="classic-cup"] (a slug or a post id).
	 *
	 * @param array|string $atts Shortcode attributes.
	 * @return string
	 */
	public static function shortcode( $atts ) {
		$atts = shortcode_atts( array( 'trophy' => '' ), $atts, 'k2_trophy_builder' );
		return self::render( (string) $atts['trophy'] );
	}

	/**
	 * The block's server render.
	 *
	 * @param array $attributes Block attributes.
	 * @return string
	 */
	public static function block( $attributes ) {
		return self::render( isset( $attributes['trophy'] ) ? (string) $attributes['trophy'] : '' );
	}

	/**
	 * A published trophy's own page shows its builder below its text; that page is the editor's preview link.
	 *
	 * @param string $content The post's content.
	 * @return string
	 */
	public static function trophy_page( $content ) {
		if ( is_singular( K2TB_Post_Type::NAME ) && in_the_loop() && is_main_query() ) {
			$content .= self::render( (string) get_the_ID() );
		}
		return $content;
	}

	/**
	 * The trophy post a shortcode or block names: a post id, or the slug in its spec.
	 *
	 * @param string $trophy Post id or spec slug.
	 * @return int 0 when none.
	 */
	public static function find( $trophy ) {
		if ( ctype_digit( $trophy ) ) {
			return K2TB_Post_Type::NAME === get_post_type( (int) $trophy ) ? (int) $trophy : 0;
		}
		if ( 1 !== preg_match( '/\A[a-z0-9][a-z0-9-]{0,62}\z/D', $trophy ) ) {
			return 0;
		}
		global $wpdb;
		// The slug lives inside the spec JSON; K2TB_Rules keeps it unique, and the oldest post wins as the daemon decides.
		return (int) $wpdb->get_var(
			$wpdb->prepare(
				"SELECT p.ID FROM {$wpdb->posts} p JOIN {$wpdb->postmeta} m ON m.post_id = p.ID AND m.meta_key = %s
				 WHERE p.post_type = %s AND p.post_status = 'publish' AND JSON_VALID(m.meta_value)
				   AND JSON_UNQUOTE(JSON_EXTRACT(m.meta_value, '$.slug')) = %s
				 ORDER BY p.ID LIMIT 1",
				K2TB_Flags::SPEC,
				K2TB_Post_Type::NAME,
				$trophy
			)
		);
	}

	/**
	 * The builder's HTML, or a short notice for editors when the trophy cannot be shown (nothing for customers).
	 *
	 * @param string $trophy Post id or spec slug.
	 * @return string
	 */
	public static function render( $trophy ) {
		$post_id = self::find( trim( $trophy ) );
		$spec    = $post_id && 'publish' === get_post_status( $post_id ) ? K2TB_Combinations::of( $post_id ) : null;
		if ( null === $spec ) {
			return current_user_can( 'edit_k2_trophies' )
				? '<p class="k2tb-missing">' . esc_html( sprintf( /* translators: %s: what the shortcode named */ __( 'No published trophy with a readable spec is called "%s".', 'k2-trophy-builder' ), $trophy ) ) . '</p>'
				: '';
		}
		wp_enqueue_script( 'k2tb-builder' );
		wp_enqueue_style( 'k2tb-builder' );

		$chosen = self::requested( $spec, $post_id );
		$sizes  = $spec['sizes'] + array( '' => $spec['width'] );
		asort( $sizes );
		$config = array(
			'slug'  => $spec['slug'],
			'name'  => $spec['name'],
			'slots' => array_column( $spec['slots'], 'id' ),
			'base'  => K2TB_Settings::images_url(),
			'path'  => strtr(
				$spec['path'],
				array(
					'{slug}' => $spec['slug'],
					'{ext}'  => $spec['ext'],
				)
			),
			'ext'   => $spec['ext'],
			'sizes' => array_map( null, array_map( 'strval', array_keys( $sizes ) ), array_values( $sizes ) ),
			'fb'    => '' === K2TB_Settings::fallback_url() ? '' : K2TB_Settings::fallback_url() . '/' . $spec['slug'] . '/',
			'ph'    => K2TB_Images::placeholder_url(),
		);

		$action = (string) get_permalink();
		$html   = sprintf( '<form class="k2tb-builder" method="get" action="%1$s" data-k2tb="%2$s">', esc_url( explode( '?', $action )[0] ), esc_attr( wp_json_encode( $config ) ) );
		// A GET form drops its action's query string: carry it (e.g. ?page_id=12 under plain permalinks) as fields.
		wp_parse_str( (string) wp_parse_url( $action, PHP_URL_QUERY ), $query );
		foreach ( $query as $name => $value ) {
			if ( is_string( $value ) && ! in_array( $name, array( 'trophy', 'k2' ), true ) ) {
				$html .= sprintf( '<input type="hidden" name="%1$s" value="%2$s">', esc_attr( $name ), esc_attr( $value ) );
			}
		}
		$html .= sprintf( '<input type="hidden" name="trophy" value="%s">', esc_attr( $spec['slug'] ) );
		$html .= '<figure class="k2tb-view">' . self::image( $spec, $chosen, $sizes ) . '</figure><div class="k2tb-controls">';
		foreach ( $spec['slots'] as $slot ) {
			$html .= self::control( $spec, $slot, $chosen );
		}
		$html .= '<p class="k2tb-submit"><button type="submit">' . esc_html__( 'Show this combination', 'k2-trophy-builder' ) . '</button></p></div></form>';
		return $html;
	}

	/**
	 * The combination the page asks for: ?trophy=<slug or id> with k2=<key> (a shared link) or k2[<slot>]=<option>
	 * (the form without JavaScript); anything else, or a choice not in the spec, shows the defaults.
	 *
	 * @param array $spec    From K2TB_Combinations::of().
	 * @param int   $post_id The trophy.
	 * @return array A complete combination.
	 */
	private static function requested( array $spec, $post_id ) {
		// phpcs:disable WordPress.Security.NonceVerification.Recommended -- a public, read-only view; every value is checked against the spec.
		$trophy = isset( $_GET['trophy'] ) && is_string( $_GET['trophy'] ) ? sanitize_key( wp_unslash( $_GET['trophy'] ) ) : '';
		$asked  = isset( $_GET['k2'] ) ? wp_unslash( $_GET['k2'] ) : null; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- compared with the spec's ids only.
		// phpcs:enable
		$chosen = null;
		if ( ( $trophy === $spec['slug'] || $trophy === (string) $post_id ) && is_string( $asked ) ) {
			$chosen = K2TB_Combinations::from_key( $spec, $asked );
		} elseif ( ( $trophy === $spec['slug'] || $trophy === (string) $post_id ) && is_array( $asked ) ) {
			$chosen = K2TB_Combinations::complete( $spec, array_filter( $asked, 'is_string' ) );
		}
		return $chosen ?? K2TB_Combinations::defaults( $spec );
	}

	/**
	 * The combination's <img>: the built file with every size in srcset when it is on disk, else the render-on-request
	 * URL, else the "being prepared" picture, so the first paint never shows a broken image.
	 *
	 * @param array $spec   From K2TB_Combinations::of().
	 * @param array $chosen A complete combination.
	 * @param array $sizes  Suffix => width, main image ('') included.
	 * @return string
	 */
	private static function image( array $spec, array $chosen, array $sizes ) {
		$fallback = K2TB_Images::fallback_url( $spec, $chosen );
		$srcset   = '';
		if ( K2TB_Images::exists( $spec, $chosen ) ) {
			$src = K2TB_Images::static_url( $spec, $chosen );
			$set = array();
			foreach ( $sizes as $suffix => $width ) {
				$set[] = esc_url( K2TB_Images::static_url( $spec, $chosen, (string) $suffix ) ) . ' ' . (int) $width . 'w';
			}
			$srcset = sprintf( ' srcset="%1$s" sizes="(max-width: %2$dpx) 100vw, %2$dpx"', esc_attr( implode( ', ', $set ) ), (int) $spec['width'] );
		} else {
			$src      = '' !== $fallback ? $fallback : K2TB_Images::placeholder_url();
			$fallback = '';
		}
		return sprintf(
			'<img class="k2tb-image" src="%1$s"%2$s width="%3$d" height="%4$d" alt="%5$s" data-fb="%6$s" decoding="async">',
			esc_url( $src ),
			$srcset,
			(int) $spec['width'],
			(int) $spec['height'],
			esc_attr( self::alt( $spec, $chosen ) ),
			esc_url( $fallback )
		);
	}

	/**
	 * The image's text alternative: the trophy's name and every slot's chosen label, as builder.js writes it.
	 *
	 * @param array $spec   From K2TB_Combinations::of().
	 * @param array $chosen A complete combination.
	 * @return string
	 */
	public static function alt( array $spec, array $chosen ) {
		$parts = array();
		foreach ( $spec['slots'] as $slot ) {
			$parts[] = $slot['label'] . ': ' . self::option_label( $slot, $chosen[ $slot['id'] ] );
		}
		return $spec['name'] . ': ' . implode( ', ', $parts );
	}

	/**
	 * One slot's control: radio swatches in a fieldset, or a labelled select for a long list.
	 *
	 * @param array $spec   From K2TB_Combinations::of().
	 * @param array $slot   The slot.
	 * @param array $chosen A complete combination.
	 * @return string
	 */
	private static function control( array $spec, array $slot, array $chosen ) {
		$name = 'k2[' . $slot['id'] . ']';
		$ids  = K2TB_Combinations::choice_ids( $slot );
		$html = '<fieldset class="k2tb-slot"><legend>' . esc_html( $slot['label'] ) . '</legend>';
		if ( count( $ids ) > self::MAX_SWATCHES ) {
			$id    = 'k2tb-' . $spec['slug'] . '-' . $slot['id'];
			$html .= sprintf( '<label class="screen-reader-text" for="%1$s">%2$s</label><select id="%1$s" name="%3$s">', esc_attr( $id ), esc_html( $slot['label'] ), esc_attr( $name ) );
			foreach ( $ids as $option ) {
				$html .= sprintf( '<option value="%1$s"%2$s>%3$s</option>', esc_attr( $option ), selected( $chosen[ $slot['id'] ], $option, false ), esc_html( self::option_label( $slot, $option ) ) );
			}
			return $html . '</select></fieldset>';
		}
		// A swatch is the option's look on the trophy: the smallest size of the defaults with this option swapped in.
		$sizes  = $spec['sizes'];
		$suffix = array() === $sizes ? '' : (string) array_search( min( $sizes ), $sizes, true );
		$base   = K2TB_Combinations::defaults( $spec );
		foreach ( $ids as $option ) {
			$swatch = array_merge( $base, array( $slot['id'] => $option ) );
			$src    = K2TB_Images::exists( $spec, $swatch, $suffix ) ? K2TB_Images::static_url( $spec, $swatch, $suffix ) : K2TB_Images::fallback_url( $spec, $swatch, $suffix );
			$html  .= sprintf(
				'<label class="k2tb-swatch"><input type="radio" name="%1$s" value="%2$s"%3$s>%4$s<span>%5$s</span></label>',
				esc_attr( $name ),
				esc_attr( $option ),
				checked( $chosen[ $slot['id'] ], $option, false ),
				'' === $src ? '' : sprintf( '<img src="%s" alt="" loading="lazy" width="48" height="%d">', esc_url( $src ), (int) round( 48 * $spec['height'] / max( 1, $spec['width'] ) ) ),
				esc_html( self::option_label( $slot, $option ) )
			);
		}
		return $html . '</fieldset>';
	}

	/**
	 * An option's label; 'None' for an optional slot's none.
	 *
	 * @param array  $slot   The slot.
	 * @param string $option Option id or 'none'.
	 * @return string
	 */
	private static function option_label( array $slot, $option ) {
		return 'none' === $option && ! isset( $slot['options']['none'] ) ? __( 'None', 'k2-trophy-builder' ) : (string) $slot['options'][ $option ];
	}
}
