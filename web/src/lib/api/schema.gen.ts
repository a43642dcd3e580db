// Generated from web/openapi.json by `npm run gen:api` (scripts/api-contract.mjs). Do not edit.
// `npm run check:api` fails when this file or openapi.json drifts from the Python app.

export type paths = {
    "/api/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness (no authentication, no query) */
        get: operations["health-check"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/meta": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the catalog holds: periods, freshness, dimensions */
        get: operations["meta-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Total, previous range, month-to-date and top movers */
        get: operations["summary-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/costs/timeseries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Cost per day or month for the top N groups and other */
        get: operations["costs-timeseries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/costs/breakdown": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Cost and share per group of one dimension */
        get: operations["costs-breakdown"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dimensions/{dimension}/values": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Values of a dimension for filter pickers, by cost in the range
         * @description The dimension's own filter is ignored (a picker shows every choice). `dimension=tag` without tag_key lists tag keys; with tag_key, that key's values (tag filters are ignored for tag pickers). `dimension=resource` lists resource ids from silver line items. Page with offset while truncated.
         */
        get: operations["dimensions-values"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/line-items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The line-item audit log: filtered, sorted, keyset-paginated */
        get: operations["line-items-list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/line-items/export.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every filtered line item as CSV, streamed
         * @description RFC 4180 CSV with a header row (CRLF line ends, strings quoted, quotes doubled), timestamps as UTC `YYYY-MM-DD HH:MM:SS`, exact decimals (below 1e-6 in E notation), tags as JSON. Rows come in storage order. The file name names the range, the view and the filters.
         */
        get: operations["line-items-export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/anomalies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Anomalous days per usage account and service, with their drivers */
        get: operations["anomalies-list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/anomalies/{anomaly_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One anomaly: its drivers and its series against the expected band */
        get: operations["anomalies-get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = Record<string, never>;
export type components = {
    schemas: {
        /** ActiveCounts */
        ActiveCounts: {
            /** Accounts */
            accounts: number;
            /** Services */
            services: number;
            /** Regions */
            regions: number;
        };
        /** Anomaly */
        Anomaly: {
            /** Anomaly Id */
            anomaly_id: string;
            /** Episode Id */
            episode_id: string;
            /**
             * Usage Date
             * Format: date
             */
            usage_date: string;
            /** Billing Period */
            billing_period: string;
            /**
             * Account
             * @description usage account id
             */
            account: string;
            /** Service Code */
            service_code: string;
            /** Service */
            service: string;
            /** Actual Cost */
            actual_cost: number;
            /** Expected Cost */
            expected_cost: number;
            /**
             * Impact
             * @description actual_cost - expected_cost
             */
            impact: number;
            /**
             * Score
             * @description impact over the baseline's robust spread
             */
            score: number;
            /**
             * Status
             * @enum {string}
             */
            status: "new" | "ongoing" | "revised" | "withdrawn";
            /**
             * First Seen At
             * Format: date-time
             */
            first_seen_at: string;
            /**
             * Episode Start
             * Format: date
             */
            episode_start: string;
            /** Drivers */
            drivers: components["schemas"]["AnomalyDriver"][];
        };
        /** AnomalyDetail */
        AnomalyDetail: {
            /** View */
            view: string;
            anomaly: components["schemas"]["Anomaly"];
            /** Series */
            series: components["schemas"]["AnomalySeriesPoint"][];
        };
        /** AnomalyDriver */
        AnomalyDriver: {
            /**
             * Dimension
             * @enum {string}
             */
            dimension: "usage_type" | "region" | "resource";
            /** Key */
            key: string;
            /** Actual */
            actual: number;
            /** Expected */
            expected: number;
            /** Impact */
            impact: number;
        };
        /** AnomalyList */
        AnomalyList: {
            /**
             * View
             * @description the cost view the detector scores (SENTINEL_ANOMALY_VIEW)
             */
            view: string;
            range: components["schemas"]["DateRange"];
            /**
             * Matched
             * @description anomalies matching the filters (the list is cut at limit)
             */
            matched: number;
            /**
             * Open Impact
             * @description total impact of the matching anomalies not withdrawn
             */
            open_impact: number;
            /** Anomalies */
            anomalies: components["schemas"]["Anomaly"][];
        };
        /** AnomalySeriesPoint */
        AnomalySeriesPoint: {
            /**
             * Usage Date
             * Format: date
             */
            usage_date: string;
            /** Actual */
            actual: number;
            /**
             * Expected
             * @description None while the series has under 14 days of history
             */
            expected: number | null;
            /** Low */
            low: number | null;
            /**
             * High
             * @description where an increase starts to alert (threshold × spread, or the floors)
             */
            high: number | null;
            /** Flagged */
            flagged: boolean;
        };
        /**
         * AnomalySort
         * @enum {string}
         */
        AnomalySort: "impact" | "date";
        /** Breakdown */
        Breakdown: {
            view: components["schemas"]["View"];
            dimension: components["schemas"]["Dimension"];
            /** Tag Key */
            tag_key: string | null;
            range: components["schemas"]["DateRange"];
            /** Total */
            total: number;
            /** Groups */
            groups: number;
            /** Items */
            items: components["schemas"]["BreakdownItem"][];
            other: components["schemas"]["BreakdownOther"] | null;
            /** Source */
            source: string;
        };
        /** BreakdownItem */
        BreakdownItem: {
            /** Key */
            key: string;
            /** Label */
            label: string;
            /** Cost */
            cost: number;
            /**
             * Share
             * @description cost / total; None when the total is zero
             */
            share: number | null;
            /** Line Items */
            line_items: number;
        };
        /** BreakdownOther */
        BreakdownOther: {
            /** Groups */
            groups: number;
            /** Cost */
            cost: number;
            /** Share */
            share: number | null;
            /** Line Items */
            line_items: number;
        };
        /** DateRange */
        DateRange: {
            /**
             * Start
             * Format: date
             * @description First usage day, inclusive
             */
            start: string;
            /**
             * End
             * Format: date
             * @description Last usage day, inclusive
             */
            end: string;
            /** Days */
            days: number;
            /**
             * Covered
             * @description Every calendar month of the range has a loaded billing period. A range that is not covered has missing data, not zero spend: do not compare with it.
             */
            covered: boolean;
        };
        /** DateSpan */
        DateSpan: {
            /**
             * Start
             * Format: date
             * @description First usage day, inclusive
             */
            start: string;
            /**
             * End
             * Format: date
             * @description Last usage day, inclusive
             */
            end: string;
        };
        /**
         * Dimension
         * @enum {string}
         */
        Dimension: "provider" | "billing_period" | "account" | "payer_account" | "service" | "region" | "operation" | "usage_type" | "charge_category" | "line_item_type" | "resource" | "tag";
        /** DimensionInfo */
        DimensionInfo: {
            id: components["schemas"]["Dimension"];
            /** Label */
            label: string;
            /**
             * Filter Param
             * @description The query parameter that filters on it
             */
            filter_param: string | null;
            /**
             * Tag Compatible
             * @description Can be combined with a tag filter or a tag group-by
             */
            tag_compatible: boolean;
            /**
             * Monthly
             * @description Answerable from gold.cost_monthly
             */
            monthly: boolean;
            /**
             * Line Items
             * @description Answered from silver line items only (gold has no such column)
             */
            line_items: boolean;
        };
        /** DimensionValue */
        DimensionValue: {
            /** Key */
            key: string;
            /** Label */
            label: string;
            /** Cost */
            cost: number;
        };
        /** DimensionValues */
        DimensionValues: {
            dimension: components["schemas"]["Dimension"];
            /** Tag Key */
            tag_key: string | null;
            range: components["schemas"]["DateRange"];
            /** Values */
            values: components["schemas"]["DimensionValue"][];
            /**
             * Offset
             * @description Values skipped before the first one here
             */
            offset: number;
            /**
             * Truncated
             * @description More values follow: ask again with offset + the number returned
             */
            truncated: boolean;
        };
        /** ErrorResponse */
        ErrorResponse: {
            /** Detail */
            detail: string;
            /** Request Id */
            request_id?: string | null;
        };
        /** ExportInfo */
        ExportInfo: {
            /** Export Name */
            export_name: string;
            /** Format */
            format: string;
            /**
             * Delivery Id
             * @description The export's newest delivery (or the rejected one)
             */
            delivery_id: string;
            /** Delivered At */
            delivered_at: string | null;
            /**
             * Status
             * @description counted: silver reads its bills; set_aside: another export of the same bills is counted; rejected: validation refused this delivery
             * @enum {string}
             */
            status: "counted" | "set_aside" | "rejected";
            /**
             * Counted For
             * @description The providers whose bills silver takes from this export
             */
            counted_for: string[];
            /**
             * Reason
             * @description Why a delivery was rejected
             */
            reason?: string | null;
        };
        /** HTTPValidationError */
        HTTPValidationError: {
            /** Detail */
            detail?: components["schemas"]["ValidationError"][];
        };
        /** Health */
        Health: {
            /**
             * Status
             * @default ok
             * @constant
             */
            status: "ok";
            /** Version */
            version: string;
            /** Engine */
            engine: string;
        };
        /** Limits */
        Limits: {
            /** Max Range Days */
            max_range_days: number;
            /** Max Daily Range Days */
            max_daily_range_days: number;
            /** Max Line Item Range Days */
            max_line_item_range_days: number;
            /** Max Page Size */
            max_page_size: number;
            /** Max Top */
            max_top: number;
            /** Max Filter Values */
            max_filter_values: number;
            /** Max Cursor Length */
            max_cursor_length: number;
        };
        /** LineItem */
        LineItem: {
            /** Billing Period */
            billing_period: string;
            /** Provider */
            provider: string;
            /**
             * Usage Date
             * Format: date
             */
            usage_date: string;
            /**
             * Usage Start
             * Format: date-time
             */
            usage_start: string;
            /** Usage End */
            usage_end: string | null;
            /** Payer Account Id */
            payer_account_id: string | null;
            /** Usage Account Id */
            usage_account_id: string | null;
            /** Usage Account Name */
            usage_account_name: string | null;
            /** Service */
            service: string | null;
            /** Service Code */
            service_code: string | null;
            /** Region */
            region: string | null;
            /** Availability Zone */
            availability_zone: string | null;
            /** Operation */
            operation: string | null;
            /** Usage Type */
            usage_type: string | null;
            /** Line Item Type */
            line_item_type: string | null;
            /** Charge Category */
            charge_category: string | null;
            /** Resource Id */
            resource_id: string | null;
            /** Usage Amount */
            usage_amount: number | null;
            /** Usage Unit */
            usage_unit: string | null;
            /** Pricing Term */
            pricing_term: string | null;
            /** Currency */
            currency: string | null;
            /** Cost */
            cost: number | null;
            /** Unblended Cost */
            unblended_cost: number;
            /** Net Unblended Cost */
            net_unblended_cost: number | null;
            /** Amortized Cost */
            amortized_cost: number | null;
            /** Public Cost */
            public_cost: number | null;
            /** Tags */
            tags: {
                [key: string]: unknown;
            };
            /** Line Item Id */
            line_item_id: string | null;
            /** Source File */
            source_file: string;
            /** Delivery Id */
            delivery_id: string | null;
            /** Invoice Id */
            invoice_id: string | null;
        };
        /** LineItemPage */
        LineItemPage: {
            /** Items */
            items: components["schemas"]["LineItem"][];
            /**
             * Next Cursor
             * @description Pass as cursor= for the next page; None on the last page
             */
            next_cursor: string | null;
            /** Limit */
            limit: number;
            sort: components["schemas"]["SortKey"];
            order: components["schemas"]["Order"];
            view: components["schemas"]["View"];
            range: components["schemas"]["DateRange"];
        };
        /** Meta */
        Meta: {
            /** Engine */
            engine: string;
            /** Periods */
            periods: components["schemas"]["PeriodInfo"][];
            /** Providers */
            providers: string[];
            /** Currencies */
            currencies: string[];
            /**
             * Currency
             * @description The currency of most line items
             */
            currency: string | null;
            /** Views */
            views: components["schemas"]["ViewInfo"][];
            /** Dimensions */
            dimensions: components["schemas"]["DimensionInfo"][];
            /** Tag Keys */
            tag_keys: string[];
            default_range: components["schemas"]["DateRange"] | null;
            /** Latest Usage Date */
            latest_usage_date: string | null;
            /** Materialized At */
            materialized_at: string | null;
            limits: components["schemas"]["Limits"];
        };
        /** MonthToDate */
        MonthToDate: {
            /** Month */
            month: string;
            /**
             * As Of
             * Format: date
             * @description The newest usage day in the catalog
             */
            as_of: string;
            /** Days Elapsed */
            days_elapsed: number;
            /** Days In Month */
            days_in_month: number;
            /** Cost */
            cost: number;
            /**
             * Forecast
             * @description Month-end projection: settled days plus a 7-day run rate
             */
            forecast: number;
            /**
             * Complete
             * @description as_of is the month's last day: the forecast is the actual
             */
            complete: boolean;
        };
        /** Mover */
        Mover: {
            /** Key */
            key: string;
            /** Label */
            label: string;
            /** Current */
            current: number;
            /** Previous */
            previous: number;
            /** Change */
            change: number;
            /** Change Pct */
            change_pct: number | null;
        };
        /**
         * Order
         * @enum {string}
         */
        Order: "asc" | "desc";
        /** PeriodInfo */
        PeriodInfo: {
            /** Billing Period */
            billing_period: string;
            /** Providers */
            providers: string[];
            /** Currencies */
            currencies: string[];
            /** Source Formats */
            source_formats: string[];
            /** Line Items */
            line_items: number;
            /** First Usage Date */
            first_usage_date: string | null;
            /** Last Usage Date */
            last_usage_date: string | null;
            /** Unblended Cost */
            unblended_cost: number | null;
            /** Net Unblended Cost */
            net_unblended_cost: number | null;
            /** Amortized Cost */
            amortized_cost: number | null;
            /** Public Cost */
            public_cost: number | null;
            /**
             * Materialized At
             * @description When gold was last built for this period (UTC)
             */
            materialized_at: string | null;
            /**
             * Deliveries
             * @description Deliveries landed (local pipeline only)
             */
            deliveries?: number | null;
            /**
             * Latest Delivery At
             * @description Newest delivery time (local pipeline only)
             */
            latest_delivery_at?: string | null;
            /**
             * Exports
             * @description Exports landed (local pipeline only)
             */
            exports?: components["schemas"]["ExportInfo"][];
        };
        /** Series */
        Series: {
            /**
             * Key
             * @description Group value; None for the sum of the groups outside the top N
             */
            key: string | null;
            /** Label */
            label: string;
            /** Is Other */
            is_other: boolean;
            /** Total */
            total: number;
            /**
             * Values
             * @description One value per bucket
             */
            values: number[];
        };
        /**
         * SortKey
         * @enum {string}
         */
        SortKey: "usage_start" | "cost" | "usage_amount" | "service" | "account" | "region" | "resource_id" | "usage_type" | "operation";
        /** Summary */
        Summary: {
            view: components["schemas"]["View"];
            range: components["schemas"]["DateRange"];
            previous_range: components["schemas"]["DateRange"];
            /** Total */
            total: number;
            /** Previous Total */
            previous_total: number;
            /** Change */
            change: number;
            /**
             * Change Pct
             * @description None when the previous total is zero
             */
            change_pct: number | null;
            month_to_date: components["schemas"]["MonthToDate"] | null;
            active: components["schemas"]["ActiveCounts"];
            movers_by: components["schemas"]["Dimension"];
            /** Top Movers */
            top_movers: components["schemas"]["Mover"][];
            /** @description Only where the change cannot be shown (either range lacks loaded data): the nearest range of the same shape, moved by whole months, whose own and previous ranges both have loaded data; None when there is none. */
            comparable_range: components["schemas"]["DateSpan"] | null;
            /**
             * Source
             * @description The gold table that answered
             */
            source: string;
        };
        /** Timeseries */
        Timeseries: {
            view: components["schemas"]["View"];
            /**
             * Granularity
             * @enum {string}
             */
            granularity: "day" | "month";
            group_by: components["schemas"]["Dimension"] | null;
            /** Tag Key */
            tag_key: string | null;
            range: components["schemas"]["DateRange"];
            /**
             * Buckets
             * @description ISO days (YYYY-MM-DD) or months (YYYY-MM)
             */
            buckets: string[];
            /** Series */
            series: components["schemas"]["Series"][];
            /** Total */
            total: number;
            /** Source */
            source: string;
        };
        /** ValidationError */
        ValidationError: {
            /** Location */
            loc: (string | number)[];
            /** Message */
            msg: string;
            /** Error Type */
            type: string;
            /** Input */
            input?: unknown;
            /** Context */
            ctx?: Record<string, never>;
        };
        /**
         * View
         * @description Which money column to sum (docs/schema.md, "Money").
         * @enum {string}
         */
        View: "unblended" | "net_unblended" | "amortized" | "public";
        /** ViewInfo */
        ViewInfo: {
            id: components["schemas"]["View"];
            /** Column */
            column: string;
            /**
             * Available
             * @description False when no period has this money column (e.g. net unblended)
             */
            available: boolean;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
};
export type $defs = Record<string, never>;
export interface operations {
    "health-check": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    "meta-get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Meta"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Internal error (see X-Request-ID in the logs) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The query engine (Athena) failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No catalog yet (run `sentinel run`) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The query engine timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "summary-get": {
        parameters: {
            query?: {
                /** @description Dimension of the top movers (not tag) */
                movers_by?: components["schemas"]["Dimension"];
                /** @description How many movers */
                movers?: number;
                /** @description First usage day (inclusive, UTC). Default: the first day of the month of the newest usage. */
                start?: string | null;
                /** @description Last usage day (inclusive, UTC). Default: the last day of start's month. */
                end?: string | null;
                /** @description Money column: unblended_cost, net_unblended_cost, amortized_cost or public_cost. */
                view?: components["schemas"]["View"];
                provider?: string[] | null;
                /** @description Billing periods (YYYY-MM), as on the invoice. */
                billing_period?: string[] | null;
                /** @description Usage account ids. */
                account?: string[] | null;
                payer_account?: string[] | null;
                service?: string[] | null;
                region?: string[] | null;
                operation?: string[] | null;
                usage_type?: string[] | null;
                charge_category?: string[] | null;
                line_item_type?: string[] | null;
                /** @description Resource ids (answered from silver line items: gold has no resource column). */
                resource?: string[] | null;
                /** @description key=value; repeat for several values. */
                tag?: string[] | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Summary"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Internal error (see X-Request-ID in the logs) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The query engine (Athena) failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No catalog yet (run `sentinel run`) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The query engine timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "costs-timeseries": {
        parameters: {
            query?: {
                /** @description Bucket size */
                granularity?: "day" | "month";
                /** @description Split into one series per group */
                group_by?: components["schemas"]["Dimension"] | null;
                /** @description The tag key, with group_by/dimension=tag */
                tag_key?: string | null;
                /** @description Groups to return; the rest are summed as other */
                top?: number;
                /** @description First usage day (inclusive, UTC). Default: the first day of the month of the newest usage. */
                start?: string | null;
                /** @description Last usage day (inclusive, UTC). Default: the last day of start's month. */
                end?: string | null;
                /** @description Money column: unblended_cost, net_unblended_cost, amortized_cost or public_cost. */
                view?: components["schemas"]["View"];
                provider?: string[] | null;
                /** @description Billing periods (YYYY-MM), as on the invoice. */
                billing_period?: string[] | null;
                /** @description Usage account ids. */
                account?: string[] | null;
                payer_account?: string[] | null;
                service?: string[] | null;
                region?: string[] | null;
                operation?: string[] | null;
                usage_type?: string[] | null;
                charge_category?: string[] | null;
                line_item_type?: string[] | null;
                /** @description Resource ids (answered from silver line items: gold has no resource column). */
                resource?: string[] | null;
                /** @description key=value; repeat for several values. */
                tag?: string[] | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Timeseries"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Internal error (see X-Request-ID in the logs) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The query engine (Athena) failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No catalog yet (run `sentinel run`) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The query engine timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "costs-breakdown": {
        parameters: {
            query?: {
                /** @description The dimension to split by */
                dimension?: components["schemas"]["Dimension"];
                /** @description The tag key, with group_by/dimension=tag */
                tag_key?: string | null;
                /** @description Groups to return; the rest are summed as other */
                top?: number;
                /** @description First usage day (inclusive, UTC). Default: the first day of the month of the newest usage. */
                start?: string | null;
                /** @description Last usage day (inclusive, UTC). Default: the last day of start's month. */
                end?: string | null;
                /** @description Money column: unblended_cost, net_unblended_cost, amortized_cost or public_cost. */
                view?: components["schemas"]["View"];
                provider?: string[] | null;
                /** @description Billing periods (YYYY-MM), as on the invoice. */
                billing_period?: string[] | null;
                /** @description Usage account ids. */
                account?: string[] | null;
                payer_account?: string[] | null;
                service?: string[] | null;
                region?: string[] | null;
                operation?: string[] | null;
                usage_type?: string[] | null;
                charge_category?: string[] | null;
                line_item_type?: string[] | null;
                /** @description Resource ids (answered from silver line items: gold has no resource column). */
                resource?: string[] | null;
                /** @description key=value; repeat for several values. */
                tag?: string[] | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Breakdown"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Internal error (see X-Request-ID in the logs) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The query engine (Athena) failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No catalog yet (run `sentinel run`) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The query engine timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "dimensions-values": {
        parameters: {
            query?: {
                /** @description The tag key, with group_by/dimension=tag */
                tag_key?: string | null;
                /** @description Case-insensitive substring */
                search?: string | null;
                limit?: number;
                /** @description Values to skip: the next page starts at offset + limit */
                offset?: number;
                /** @description First usage day (inclusive, UTC). Default: the first day of the month of the newest usage. */
                start?: string | null;
                /** @description Last usage day (inclusive, UTC). Default: the last day of start's month. */
                end?: string | null;
                /** @description Money column: unblended_cost, net_unblended_cost, amortized_cost or public_cost. */
                view?: components["schemas"]["View"];
                provider?: string[] | null;
                /** @description Billing periods (YYYY-MM), as on the invoice. */
                billing_period?: string[] | null;
                /** @description Usage account ids. */
                account?: string[] | null;
                payer_account?: string[] | null;
                service?: string[] | null;
                region?: string[] | null;
                operation?: string[] | null;
                usage_type?: string[] | null;
                charge_category?: string[] | null;
                line_item_type?: string[] | null;
                /** @description Resource ids (answered from silver line items: gold has no resource column). */
                resource?: string[] | null;
                /** @description key=value; repeat for several values. */
                tag?: string[] | null;
            };
            header?: never;
            path: {
                /** @description The dimension */
                dimension: components["schemas"]["Dimension"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DimensionValues"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Internal error (see X-Request-ID in the logs) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The query engine (Athena) failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No catalog yet (run `sentinel run`) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The query engine timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "line-items-list": {
        parameters: {
            query?: {
                /** @description Sort column (cost follows view) */
                sort?: components["schemas"]["SortKey"];
                order?: components["schemas"]["Order"];
                /** @description Page size */
                limit?: number;
                /** @description next_cursor of the previous page */
                cursor?: string | null;
                /** @description First usage day (inclusive, UTC). Default: the first day of the month of the newest usage. */
                start?: string | null;
                /** @description Last usage day (inclusive, UTC). Default: the last day of start's month. */
                end?: string | null;
                /** @description Money column: unblended_cost, net_unblended_cost, amortized_cost or public_cost. */
                view?: components["schemas"]["View"];
                provider?: string[] | null;
                /** @description Billing periods (YYYY-MM), as on the invoice. */
                billing_period?: string[] | null;
                /** @description Usage account ids. */
                account?: string[] | null;
                payer_account?: string[] | null;
                service?: string[] | null;
                region?: string[] | null;
                operation?: string[] | null;
                usage_type?: string[] | null;
                charge_category?: string[] | null;
                line_item_type?: string[] | null;
                /** @description Resource ids (answered from silver line items: gold has no resource column). */
                resource?: string[] | null;
                /** @description key=value; repeat for several values. */
                tag?: string[] | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LineItemPage"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Internal error (see X-Request-ID in the logs) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The query engine (Athena) failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No catalog yet (run `sentinel run`) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The query engine timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "line-items-export": {
        parameters: {
            query?: {
                /** @description First usage day (inclusive, UTC). Default: the first day of the month of the newest usage. */
                start?: string | null;
                /** @description Last usage day (inclusive, UTC). Default: the last day of start's month. */
                end?: string | null;
                /** @description Money column: unblended_cost, net_unblended_cost, amortized_cost or public_cost. */
                view?: components["schemas"]["View"];
                provider?: string[] | null;
                /** @description Billing periods (YYYY-MM), as on the invoice. */
                billing_period?: string[] | null;
                /** @description Usage account ids. */
                account?: string[] | null;
                payer_account?: string[] | null;
                service?: string[] | null;
                region?: string[] | null;
                operation?: string[] | null;
                usage_type?: string[] | null;
                charge_category?: string[] | null;
                line_item_type?: string[] | null;
                /** @description Resource ids (answered from silver line items: gold has no resource column). */
                resource?: string[] | null;
                /** @description key=value; repeat for several values. */
                tag?: string[] | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description CSV */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Internal error (see X-Request-ID in the logs) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The query engine (Athena) failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No catalog yet (run `sentinel run`) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The query engine timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "anomalies-list": {
        parameters: {
            query?: {
                /** @description Only these statuses (repeatable) */
                status?: ("new" | "ongoing" | "revised" | "withdrawn")[] | null;
                /** @description Only anomalies with at least this impact */
                min_impact?: number | null;
                /** @description impact (largest first) or date (newest first) */
                sort?: components["schemas"]["AnomalySort"];
                /** @description How many to return */
                limit?: number;
                /** @description First usage day (inclusive, UTC). Default: the first day of the month of the newest usage. */
                start?: string | null;
                /** @description Last usage day (inclusive, UTC). Default: the last day of start's month. */
                end?: string | null;
                /** @description Money column: unblended_cost, net_unblended_cost, amortized_cost or public_cost. */
                view?: components["schemas"]["View"];
                provider?: string[] | null;
                /** @description Billing periods (YYYY-MM), as on the invoice. */
                billing_period?: string[] | null;
                /** @description Usage account ids. */
                account?: string[] | null;
                payer_account?: string[] | null;
                service?: string[] | null;
                region?: string[] | null;
                operation?: string[] | null;
                usage_type?: string[] | null;
                charge_category?: string[] | null;
                line_item_type?: string[] | null;
                /** @description Resource ids (answered from silver line items: gold has no resource column). */
                resource?: string[] | null;
                /** @description key=value; repeat for several values. */
                tag?: string[] | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnomalyList"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Internal error (see X-Request-ID in the logs) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The query engine (Athena) failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No catalog yet (run `sentinel run`) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The query engine timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    "anomalies-get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description anomaly_id from the list */
                anomaly_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnomalyDetail"];
                };
            };
            /** @description Missing or invalid credentials */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Internal error (see X-Request-ID in the logs) */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The query engine (Athena) failed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No catalog yet (run `sentinel run`) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The query engine timed out */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
}
