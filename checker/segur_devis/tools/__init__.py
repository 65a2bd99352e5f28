"""Tools beside the checking pipeline, run by the same worker (`segur_devis.web`) and the site's tool pages:
the deadline calculator, the multi-year comparison of offers, the text of a report to the ANS."""
