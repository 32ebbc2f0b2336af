-- Points the model at another reporting period: the one policy row the rules and views read.
UPDATE policy SET period_from = $from::TIMESTAMPTZ, period_to = $to::TIMESTAMPTZ WHERE scope = 'global'
