trail_name = "from-var-file"
multi_region = false
